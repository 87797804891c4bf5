using System.Text.Json;

namespace Mosaic.Cli.Environments.Schemas;

/// <summary>One node of a service's configuration schema, in the JSON Schema subset ADR 7 describes.</summary>
public sealed class SchemaNode
{
    public required string Type { get; init; }

    public string? Format { get; init; }

    public IReadOnlyList<string>? Enum { get; init; }

    public double? Minimum { get; init; }

    public double? Maximum { get; init; }

    /// <summary><c>x-minimum</c>/<c>x-maximum</c>: bounds of a duration, in its own format.</summary>
    public TimeSpan? DurationMinimum { get; init; }

    public TimeSpan? DurationMaximum { get; init; }

    public string? Pattern { get; init; }

    public int? MinLength { get; init; }

    public int? MaxLength { get; init; }

    public bool IsSecret { get; init; }

    public IReadOnlyDictionary<string, SchemaNode> Properties { get; init; } = new Dictionary<string, SchemaNode>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The schema of any other key (a dictionary's values); null when other keys are not allowed.</summary>
    public SchemaNode? AdditionalProperties { get; init; }

    public IReadOnlyList<string> Required { get; init; } = [];

    public SchemaNode? Items { get; init; }

    public bool IsDuration => Type == "string" && Format == "duration";

    /// <summary>How the type reads in a message: "an integer", "a duration like 00:00:30".</summary>
    public string Describe() => this switch
    {
        { IsDuration: true } => "a duration like 00:00:30 ([d.]hh:mm:ss[.fff])",
        { Enum: { } values } => $"one of {string.Join(", ", values)}",
        { Type: "integer" } => "an integer",
        { Type: "number" } => "a number",
        { Type: "boolean" } => "true or false",
        { Type: "array" } => "a list",
        { Type: "object" } => "a mapping",
        _ => "a string",
    };

    public static SchemaNode Parse(JsonElement element)
    {
        var properties = new Dictionary<string, SchemaNode>(StringComparer.OrdinalIgnoreCase);
        if (element.TryGetProperty("properties", out var declared))
            foreach (var property in declared.EnumerateObject()) properties[property.Name] = Parse(property.Value);
        return new SchemaNode
        {
            Type = TypeOf(element),
            Format = String(element, "format"),
            Enum = element.TryGetProperty("enum", out var values) ? values.EnumerateArray().Select(v => v.ToString()).ToList() : null,
            Minimum = Number(element, "minimum"),
            Maximum = Number(element, "maximum"),
            DurationMinimum = Duration(element, "x-minimum"),
            DurationMaximum = Duration(element, "x-maximum"),
            Pattern = String(element, "pattern"),
            MinLength = (int?)Number(element, "minLength"),
            MaxLength = (int?)Number(element, "maxLength"),
            IsSecret = element.TryGetProperty("x-secret", out var secret) && secret.ValueKind == JsonValueKind.True,
            Properties = properties,
            AdditionalProperties = element.TryGetProperty("additionalProperties", out var additional) && additional.ValueKind == JsonValueKind.Object ? Parse(additional) : null,
            Required = element.TryGetProperty("required", out var required) ? required.EnumerateArray().Select(r => r.GetString() ?? "").ToList() : [],
            Items = element.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Object ? Parse(items) : null,
        };
    }

    /// <summary>A nullable type is exported as <c>["string", "null"]</c>; the other type is the one that counts.</summary>
    private static string TypeOf(JsonElement element)
    {
        if (!element.TryGetProperty("type", out var type)) return element.TryGetProperty("properties", out _) ? "object" : "string";
        if (type.ValueKind == JsonValueKind.String) return type.GetString()!;
        return type.EnumerateArray().Select(t => t.GetString()).FirstOrDefault(t => t != "null") ?? "string";
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static double? Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    private static TimeSpan? Duration(JsonElement element, string name) =>
        String(element, name) is { } text && ConfigDuration.TryParse(text, out var duration) ? duration : null;
}
