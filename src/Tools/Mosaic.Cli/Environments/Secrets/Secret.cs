using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mosaic.Cli.Environments.Secrets;

/// <summary>
/// A secret's plain value. It prints as <c>***</c> (ToString, JSON, the debugger), so no command
/// shows one by accident; <see cref="Reveal"/> is the one deliberate way to the text.
/// </summary>
[DebuggerDisplay("***")]
[JsonConverter(typeof(RedactingConverter))]
public sealed class Secret
{
    public const string Redacted = "***";

    private readonly string _value;

    public Secret(string value) => _value = value;

    /// <summary>32 random bytes, base64url: what a generated or rotated secret holds.</summary>
    public static Secret Generate() => new(Base64Url(RandomNumberGenerator.GetBytes(32)));

    public string Reveal() => _value;

    /// <summary>Compares without leaking, through timing, how much of the value matched.</summary>
    public bool SameAs(Secret other) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(_value), Encoding.UTF8.GetBytes(other._value));

    public override string ToString() => Redacted;

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private sealed class RedactingConverter : JsonConverter<Secret>
    {
        public override Secret Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("Secrets are not read from JSON.");

        public override void Write(Utf8JsonWriter writer, Secret value, JsonSerializerOptions options) => writer.WriteStringValue(Redacted);
    }
}
