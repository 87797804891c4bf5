using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mosaic.Platform.Configuration;

/// <summary>
/// A configuration value that must never be shown: a password, an API key. Declaring an options
/// property as <see cref="Secret"/> marks it secret in the exported schema, so the environment
/// files must give it through an encrypted <c>${secret.NAME}</c>. It prints, formats and
/// serializes as <c>***</c>; only <see cref="Reveal"/> gives the value, at the one place that uses it.
/// </summary>
[TypeConverter(typeof(SecretTypeConverter))]
[JsonConverter(typeof(SecretJsonConverter))]
public sealed class Secret : IFormattable
{
    public const string Mask = "***";

    private readonly string value;

    public Secret(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        this.value = value;
    }

    public string Reveal() => value;

    /// <summary>Compares in constant time, so a caller cannot learn the value from how long a wrong guess takes.</summary>
    public bool Matches(string? candidate) =>
        candidate is not null && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(value), System.Text.Encoding.UTF8.GetBytes(candidate));

    public override string ToString() => Mask;

    public string ToString(string? format, IFormatProvider? formatProvider) => Mask;
}

internal sealed class SecretTypeConverter : TypeConverter
{
    public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType) =>
        sourceType == typeof(string) || base.CanConvertFrom(context, sourceType);

    public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) =>
        value is string text
            ? string.IsNullOrEmpty(text) ? null : new Secret(text)
            : base.ConvertFrom(context, culture, value);

    public override object? ConvertTo(ITypeDescriptorContext? context, CultureInfo? culture, object? value, Type destinationType) =>
        destinationType == typeof(string) ? Secret.Mask : base.ConvertTo(context, culture, value, destinationType);
}

internal sealed class SecretJsonConverter : JsonConverter<Secret>
{
    public override Secret? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new JsonException("A secret is never read from JSON: it comes from the environment's encrypted store.");

    public override void Write(Utf8JsonWriter writer, Secret value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Secret.Mask);
}
