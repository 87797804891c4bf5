namespace Mosaic.Platform.Policy;

/// <summary>The policy file cannot be read; the message names the file, the line and what to change.</summary>
public sealed class PolicyException : Exception
{
    public PolicyException(string message)
        : base(message)
    {
    }

    public PolicyException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
