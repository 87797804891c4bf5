using System.Net;
using Mosaic.Cli.Terminal;
using Spectre.Console;

namespace Mosaic.Cli.Commands.Demo;

/// <summary>Numbers the demo's calls and prints each with its status and trace id; a wrong status ends the demo.</summary>
public sealed class DemoSteps(ConsoleOutput output)
{
    private int _step;

    public ConsoleOutput Output => output;

    /// <summary>Prints the call as the next step, or throws <see cref="DemoStepFailedException"/> when it did not answer <paramref name="expected"/>.</summary>
    public void Report(string title, DemoCall call, HttpStatusCode expected, string outcome)
    {
        ArgumentNullException.ThrowIfNull(call);
        _step++;
        var status = $"{(int)call.Status} {call.Status}";
        var trace = Trace(call);
        if (call.Status != expected)
        {
            output.Markup($"{_step}. {Markup.Escape(title)}: {call.Method} {Markup.Escape(call.Path)} -> [red]{status}[/] ({Markup.Escape(trace)})");
            throw new DemoStepFailedException(
                $"Step {_step} ({title}) expected {(int)expected} but the gateway answered {status}{(call.Problem is { Length: > 0 } p ? $": {p}" : "")} (find it in the logs by {trace}).");
        }
        output.Markup($"{_step}. {Markup.Escape(title)}: {call.Method} {Markup.Escape(call.Path)} -> [green]{status}[/] - {Markup.Escape(outcome)} [grey]({Markup.Escape(trace)})[/]");
    }

    public static string Trace(DemoCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return call.TraceId is null ? "no trace id" : $"trace {call.TraceId}";
    }
}
