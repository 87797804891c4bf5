using Spectre.Console;

namespace Mosaic.Cli.Terminal;

/// <summary>
/// Where a command writes. On a terminal it draws spinners, progress and colour; when output goes
/// to a file or a CI log it writes plain lines, one per event, so the log reads top to bottom.
/// </summary>
public sealed class ConsoleOutput
{
    private readonly Lock _gate = new();

    public ConsoleOutput(IAnsiConsole stdout, IAnsiConsole stderr, bool interactive)
    {
        Out = stdout;
        Error = stderr;
        IsInteractive = interactive;
    }

    public IAnsiConsole Out { get; }

    public IAnsiConsole Error { get; }

    /// <summary>True when a person is watching a terminal: live displays are worth drawing.</summary>
    public bool IsInteractive { get; }

    /// <summary>A log line is not a screen: lines written to a file or a pipe are never wrapped.</summary>
    private const int UnwrappedWidth = 4096;

    public static ConsoleOutput ForProcess()
    {
        var interactive = !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
        var stdout = Console.IsOutputRedirected ? Plain(Console.Out) : AnsiConsole.Console;
        var stderr = Console.IsErrorRedirected
            ? Plain(Console.Error)
            : AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return new ConsoleOutput(stdout, stderr, interactive);
    }

    /// <summary>Plain consoles over writers, for tests and for capturing output.</summary>
    public static ConsoleOutput ForWriters(TextWriter stdout, TextWriter stderr) =>
        new(Plain(stdout), Plain(stderr), interactive: false);

    /// <summary>No colour, no cursor movement, no wrapping: what a file, a pipe or a CI log wants.</summary>
    private static IAnsiConsole Plain(TextWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = UnwrappedWidth;
        return console;
    }

    /// <summary>A line of plain text; nothing in it is read as markup.</summary>
    public void Line(string text)
    {
        lock (_gate) Out.WriteLine(text);
    }

    /// <summary>A line with Spectre markup; callers escape what they did not write themselves.</summary>
    public void Markup(string markup)
    {
        lock (_gate) Out.MarkupLine(markup);
    }

    public void Success(string text) => Markup($"[green]{Spectre.Console.Markup.Escape(text)}[/]");

    public void Warning(string text) => Markup($"[yellow]{Spectre.Console.Markup.Escape(text)}[/]");

    /// <summary>A remark on standard error, for a command whose standard output is a document that must stay clean.</summary>
    public void Remark(string text)
    {
        lock (_gate) Error.WriteLine(text);
    }

    /// <summary>The one sentence a failed command ends with, on standard error.</summary>
    public void Failure(string sentence)
    {
        lock (_gate) Error.MarkupLine($"[red]{Spectre.Console.Markup.Escape(sentence)}[/]");
    }

    public void Write(Spectre.Console.Rendering.IRenderable renderable)
    {
        lock (_gate) Out.Write(renderable);
    }
}
