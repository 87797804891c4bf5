using Mosaic.Cli.Diagnostics;
using System.Text.Json;
using Mosaic.Cli.Environments.Loading;
using Mosaic.Cli.Environments.Validation;

namespace Mosaic.Cli.Environments.Schemas;

/// <summary>The committed schemas under <c>contracts/config/</c>, read once each.</summary>
public sealed class SchemaCatalog(IEnvironmentSource source)
{
    private readonly Dictionary<string, SchemaNode?> _schemas = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The service's schema; null when it has none or the file does not parse (recorded in <paramref name="problems"/>).</summary>
    public SchemaNode? Find(string service, List<Problem> problems)
    {
        if (_schemas.TryGetValue(service, out var known)) return known;
        var file = EnvironmentPaths.Schema(service);
        SchemaNode? schema = null;
        if (source.ReadText(file) is { } text)
        {
            try
            {
                using var document = JsonDocument.Parse(text);
                schema = SchemaNode.Parse(document.RootElement);
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
            {
                problems.Add(new Problem(new SourceMark(file, 1), ProblemCodes.BadSchema,
                    $"is not a schema ADR 7 describes ({e.Message}); export it again with ./mosaic env schema.", service));
            }
        }
        return _schemas[service] = schema;
    }

    public bool Exists(string service) => source.ReadText(EnvironmentPaths.Schema(service)) is not null;
}
