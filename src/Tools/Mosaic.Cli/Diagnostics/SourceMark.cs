namespace Mosaic.Cli.Diagnostics;

/// <summary>Where something was written: a file relative to the checkout and a 1-based line.</summary>
public sealed record SourceMark(string File, int Line)
{
    public override string ToString() => $"{File}:{Line}";
}
