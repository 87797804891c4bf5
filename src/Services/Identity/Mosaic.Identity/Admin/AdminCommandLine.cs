namespace Mosaic.Identity.Admin;

/// <summary>
/// <c>admin create EMAIL [--password PASSWORD] [--display-name NAME]</c>, the tool mode of the
/// identity executable that <c>mosaic admin create</c> runs.
/// </summary>
public sealed record AdminCommandLine(string Email, string? Password, string? DisplayName)
{
    public const string Usage = "Usage: Mosaic.Identity admin create EMAIL [--password PASSWORD] [--display-name NAME].";

    public static bool IsRequested(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return args.Count > 0 && args[0] == "admin";
    }

    /// <summary>The parsed command, or the sentence that says what is wrong with it.</summary>
    public static (AdminCommandLine? Command, string? Problem) Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Count < 3 || args[0] != "admin" || args[1] != "create" || args[2].StartsWith('-'))
            return (null, Usage);

        string? password = null, displayName = null;
        for (var i = 3; i < args.Count; i++)
        {
            var (name, value) = SplitOption(args[i]);
            if (value is null)
            {
                if (i + 1 >= args.Count) return (null, $"{name} needs a value. {Usage}");
                value = args[++i];
            }
            switch (name)
            {
                case "--password" when password is null: password = value; break;
                case "--display-name" when displayName is null: displayName = value; break;
                case "--password" or "--display-name": return (null, $"{name} is given twice. {Usage}");
                default: return (null, $"'{args[i]}' is not an option of admin create. {Usage}");
            }
        }
        return (new AdminCommandLine(args[2], password, displayName), null);
    }

    private static (string Name, string? Value) SplitOption(string arg)
    {
        var equals = arg.IndexOf('=', StringComparison.Ordinal);
        return arg.StartsWith("--", StringComparison.Ordinal) && equals > 0 ? (arg[..equals], arg[(equals + 1)..]) : (arg, null);
    }
}
