namespace Mosaic.Platform.Policy;

/// <summary>The policy file cannot be read; the message names the file, the line and what to change.</summary>
public sealed class PolicyException : Exception
{
    public PolicyException(string message)
        : base(message)
    {
        Reason = message;
    }

    public PolicyException(string message, Exception inner)
        : base(message, inner)
    {
        Reason = message;
    }

    /// <summary>A problem at a line of <paramref name="file"/>: the message is <c>FILE:LINE: REASON</c>.</summary>
    public PolicyException(string file, int line, string reason, Exception? inner = null)
        : base($"{file}:{line}: {reason}", inner)
    {
        File = file;
        Line = line;
        Reason = reason;
    }

    /// <summary>The file, when the problem is at a line of it (tools print it as <c>file:line: code reason</c>).</summary>
    public string? File { get; }

    public int Line { get; }

    /// <summary>What is wrong, without the file and line.</summary>
    public string Reason { get; }
}
