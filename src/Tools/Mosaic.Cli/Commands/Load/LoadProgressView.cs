using System.Globalization;
using Mosaic.Cli.Load;
using Mosaic.Cli.Terminal;
using Spectre.Console;

namespace Mosaic.Cli.Commands.Load;

/// <summary>
/// Shows a run while it goes: on a terminal one status line redrawn every second; in a log a plain
/// line every five seconds, so the log reads top to bottom.
/// </summary>
public sealed class LoadProgressView(ConsoleOutput output) : IProgress<LoadProgress>
{
    private StatusContext? _status;
    private int _reports;

    public async Task<T> ShowAsync<T>(string title, Func<Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (!output.IsInteractive)
        {
            output.Line(title);
            return await work();
        }
        return await output.Out.Status().StartAsync(Markup.Escape(title), async context =>
        {
            _status = context;
            try
            {
                return await work();
            }
            finally
            {
                _status = null;
            }
        });
    }

    public void Report(LoadProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = Describe(value);
        if (_status is { } status) status.Status(Markup.Escape(text));
        else if (++_reports % 5 == 0) output.Line(text);
    }

    public static string Describe(LoadProgress p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return string.Create(CultureInfo.InvariantCulture,
            $"{p.Elapsed.TotalSeconds:0}/{p.Duration.TotalSeconds:0} s at {p.Rate:0.#}/s: {p.Sent} sent, {p.Succeeded} ok, {p.Failed} errors, {p.Dropped} dropped, {p.InFlight} in flight, p99 so far {p.P99SoFarMs:0.#} ms");
    }
}
