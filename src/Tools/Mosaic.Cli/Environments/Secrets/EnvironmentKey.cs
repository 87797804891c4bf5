using System.Diagnostics;

namespace Mosaic.Cli.Environments.Secrets;

/// <summary>An environment's 32-byte AES-256-GCM key. Like a <see cref="Secret"/>, it never prints.</summary>
[DebuggerDisplay("key of {Environment}")]
public sealed class EnvironmentKey
{
    public const int Size = 32;

    public EnvironmentKey(string environment, byte[] bytes)
    {
        if (bytes.Length != Size) throw new ArgumentException($"A key has {Size} bytes.", nameof(bytes));
        Environment = environment;
        Bytes = bytes;
    }

    public string Environment { get; }

    internal byte[] Bytes { get; }

    public override string ToString() => $"key of {Environment}";
}
