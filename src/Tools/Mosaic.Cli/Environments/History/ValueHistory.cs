using Mosaic.Cli.CommandLine;
using Mosaic.Cli.Environments.Loading;

namespace Mosaic.Cli.Environments.History;

/// <summary>One commit that changed a key's effective value. A secret's values are never held: only whether it changed.</summary>
public sealed record ValueChange(string Date, string Author, string Commit, string Subject, string? From, string? To);

/// <summary>The commits touching <c>environments/</c> that changed a key's effective value in an environment, oldest first.</summary>
public sealed class ValueHistory(string root)
{
    private const char Separator = '\u001f';

    public IReadOnlyList<ValueChange> Follow(HistoryKey key, string environment)
    {
        var git = new Git(root);
        if (!git.IsRepository())
            throw new CliException($"{root} is not a git repository: env history reads the commits that touched {EnvironmentPaths.Folder}/, so run it in a clone.");
        var log = git.Output("log", "--reverse", "--date=short", $"--format=%H{Separator}%ad{Separator}%an{Separator}%s", "--", EnvironmentPaths.Folder) ?? "";
        var changes = new List<ValueChange>();
        string? previous = null;
        foreach (var line in log.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.Split(Separator);
            var value = key.ValueIn(new CommitSource(git, fields[0]), environment);
            if (value == previous) continue;
            changes.Add(key.IsSecret
                ? new ValueChange(fields[1], fields[2], fields[0][..7], fields[3], previous is null ? null : "secret", value is null ? null : "secret")
                : new ValueChange(fields[1], fields[2], fields[0][..7], fields[3], previous, value));
            previous = value;
        }
        return changes;
    }
}
