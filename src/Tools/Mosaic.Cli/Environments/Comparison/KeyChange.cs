namespace Mosaic.Cli.Environments.Comparison;

public enum ChangeKind
{
    /// <summary>The key has a value in the second environment only.</summary>
    Added,

    /// <summary>The key has a value in the first environment only.</summary>
    Removed,

    Changed,

    /// <summary>Both hold a secret and the secrets could not be compared (no key, or not set); the note says why.</summary>
    NotCompared,
}

/// <summary>How one key of a service differs between two environments. A secret's value is never held here: only "secret".</summary>
public sealed record KeyChange(string Service, string Key, ChangeKind Kind, string? From, string? To, string? Note = null)
{
    public override string ToString() => Kind switch
    {
        ChangeKind.Added => $"+ {Key}: {To}",
        ChangeKind.Removed => $"- {Key}: {From}",
        ChangeKind.NotCompared => $"? {Key}: secret, not compared: {Note}",
        _ when Note is not null => $"~ {Key}: {Note}",
        _ => $"~ {Key}: {From} → {To}",
    };
}
