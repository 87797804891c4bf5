using Mosaic.Cli.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Mosaic.Cli.CommandLine;
using Mosaic.Cli.Environments.Model;
using Mosaic.Cli.Environments.Validation;

namespace Mosaic.Cli.Environments.Schemas;

/// <summary>Checks one service's resolved section against its schema: keys, types, ranges, required keys and secrets.</summary>
public sealed class SchemaValidator(string service, List<Problem> problems)
{
    private static readonly TimeSpan PatternTimeout = TimeSpan.FromSeconds(1);

    /// <param name="section">The service's section; null when the environment does not mention the service.</param>
    /// <param name="sectionSource">Where a missing required key is reported: the section's line, or the environment's file.</param>
    public void Validate(SchemaNode schema, ConfigMap? section, SourceMark sectionSource) =>
        ValidateObject(schema, section, path: null, sectionSource);

    private void ValidateObject(SchemaNode schema, ConfigMap? map, string? path, SourceMark source)
    {
        foreach (var (key, node) in map?.Entries ?? [])
        {
            var keyPath = Join(path, key);
            if (schema.Properties.TryGetValue(key, out var property)) ValidateNode(property, node, keyPath);
            else if (schema.AdditionalProperties is { } values) ValidateNode(values, node, keyPath);
            else Add(node.Source, ProblemCodes.UnknownKey, $"{keyPath} is not a key of {service}'s configuration{Suggestion.DidYouMean(key, schema.Properties.Keys)}");
        }
        foreach (var required in schema.Required.Where(r => map?.Find(r) is null))
            Add(source, ProblemCodes.MissingRequired, $"{Join(path, required)} is required by {service} and has no value.");
        // A [Required] key inside a section the environment leaves out is still missing.
        foreach (var (name, property) in schema.Properties.Where(p => p.Value.Type == "object" && map?.Find(p.Key) is null))
            ValidateObject(property, null, Join(path, name), source);
    }

    private void ValidateNode(SchemaNode schema, ConfigNode node, string path)
    {
        switch (schema.Type, node)
        {
            case ("object", ConfigMap map):
                ValidateObject(schema, map, path, node.Source);
                break;
            case ("array", ConfigList list):
                if (schema.Items is { } items)
                    for (var i = 0; i < list.Items.Count; i++) ValidateNode(items, list.Items[i], Join(path, i.ToString(CultureInfo.InvariantCulture)));
                break;
            case (not ("object" or "array"), ConfigSecretReference) when schema.IsSecret:
                break;
            case (not ("object" or "array"), ConfigSecretReference):
                // Decrypted into a plain setting, a secret would be shown, logged and quoted like any value.
                Add(node.Source, ProblemCodes.SecretInPlainKey, $"{path} is not a secret setting of {service}, so it cannot take a ${{secret.NAME}}: only keys its schema marks x-secret may.");
                break;
            case (not ("object" or "array"), ConfigScalar scalar) when schema.IsSecret:
                Add(node.Source, ProblemCodes.SecretAsPlainValue, $"{path} is a secret: give it as ${{secret.NAME}} and set the value with ./mosaic env secret set NAME, never as plain text.");
                break;
            case (not ("object" or "array"), ConfigScalar scalar):
                ValidateLeaf(schema, scalar, path);
                break;
            default:
                Add(node.Source, ProblemCodes.WrongType, $"{path} expects {schema.Describe()}, not {Describe(node)}.");
                break;
        }
    }

    private void ValidateLeaf(SchemaNode schema, ConfigScalar scalar, string path)
    {
        var value = scalar.Value;
        var problem = schema switch
        {
            { Enum: { } allowed } when !allowed.Contains(value, StringComparer.OrdinalIgnoreCase) =>
                (ProblemCodes.NotInEnum, $"{path} is '{value}'; it must be {schema.Describe()}."),
            { IsDuration: true } => Duration(schema, value, path),
            { Type: "integer" } => Number(schema, value, path, long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var integer), integer),
            { Type: "number" } => Number(schema, value, path, double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number), number),
            { Type: "boolean" } when !bool.TryParse(value, out _) => (ProblemCodes.WrongType, $"{path} is '{value}'; it must be true or false."),
            { Type: "string" } => Text(schema, value, path),
            _ => default,
        };
        if (problem.Item1 is { } code) Add(scalar.Source, code, problem.Item2);
    }

    private static (string?, string) Number(SchemaNode schema, string value, string path, bool parsed, double number) => schema switch
    {
        _ when !parsed => (ProblemCodes.WrongType, $"{path} is '{value}'; it must be {schema.Describe()}."),
        { Minimum: { } minimum } when number < minimum => (ProblemCodes.OutOfRange, $"{path} is {value}; the least it may be is {minimum.ToString(CultureInfo.InvariantCulture)}."),
        { Maximum: { } maximum } when number > maximum => (ProblemCodes.OutOfRange, $"{path} is {value}; the most it may be is {maximum.ToString(CultureInfo.InvariantCulture)}."),
        _ => default,
    };

    private static (string?, string) Duration(SchemaNode schema, string value, string path) =>
        !ConfigDuration.TryParse(value, out var duration) ? (ProblemCodes.WrongType, $"{path} is '{value}'; it must be {schema.Describe()}.")
        : schema.DurationMinimum is { } minimum && duration < minimum ? (ProblemCodes.OutOfRange, $"{path} is {value}; the least it may be is {minimum:c}.")
        : schema.DurationMaximum is { } maximum && duration > maximum ? (ProblemCodes.OutOfRange, $"{path} is {value}; the most it may be is {maximum:c}.")
        : default;

    private static (string?, string) Text(SchemaNode schema, string value, string path) => schema switch
    {
        { MinLength: { } least } when value.Length < least => (ProblemCodes.WrongLength, $"{path} has {value.Length} characters; it needs at least {least}."),
        { MaxLength: { } most } when value.Length > most => (ProblemCodes.WrongLength, $"{path} has {value.Length} characters; it may have at most {most}."),
        { Pattern: { } pattern } when !MatchesPattern(pattern, value) =>
            (ProblemCodes.PatternMismatch, $"{path} is '{value}', which does not match the pattern {pattern}."),
        _ => default,
    };

    private static bool MatchesPattern(string pattern, string value)
    {
        try
        {
            return Regex.IsMatch(value, pattern, RegexOptions.None, PatternTimeout);
        }
        catch (Exception e) when (e is ArgumentException or RegexMatchTimeoutException)
        {
            throw new CliException($"the schema pattern {pattern} cannot be checked ({e.Message}); export the service's schema again with ./mosaic env schema.", e);
        }
    }

    private static string Describe(ConfigNode node) => node switch
    {
        ConfigMap => "a mapping",
        ConfigList => "a list",
        ConfigSecretReference => "a secret",
        ConfigScalar scalar => $"'{scalar.Value}'",
        _ => "nothing",
    };

    private void Add(SourceMark source, string code, string message) => problems.Add(new Problem(source, code, message, service));

    private static string Join(string? path, string key) => path is null ? key : $"{path}:{key}";
}
