using Mosaic.Cli.Diagnostics;
using Mosaic.Cli.Environments.Model;
using Mosaic.Cli.Environments.Validation;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Mosaic.Cli.Environments.Loading;

/// <summary>Reads an environment file's YAML into <see cref="ConfigNode"/>s that remember their lines.</summary>
public sealed class EnvironmentDocumentReader(string file, List<Problem> problems)
{
    private static readonly HashSet<string> NullWords = ["~", "null", "Null", "NULL", ""];

    /// <summary>The file's top-level mapping; an empty one (with the syntax error recorded) when it does not parse.</summary>
    public ConfigMap ReadRoot(string text)
    {
        var top = new SourceMark(file, 1);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            problems.Add(new Problem(new SourceMark(file, (int)e.Start.Line), ProblemCodes.YamlSyntax, $"is not valid YAML: {e.Message}"));
            return ConfigMap.Empty(top);
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
            return ConfigMap.Empty(top);
        return Read(stream.Documents[0].RootNode, top) as ConfigMap ?? NotAMapping(top, "the file");
    }

    public EnvironmentDocument ReadDocument(string name, string text)
    {
        var root = ReadRoot(text);
        ConfigScalar? extends = null;
        var shared = ConfigMap.Empty(root.Source);
        var services = ConfigMap.Empty(root.Source);
        foreach (var (key, node) in root.Entries)
        {
            switch (key.ToLowerInvariant())
            {
                case "extends" when node is ConfigScalar scalar:
                    extends = scalar;
                    break;
                case "extends":
                    problems.Add(new Problem(node.Source, ProblemCodes.UnknownEnvironment, "extends names one environment, like extends: staging."));
                    break;
                case "shared":
                    shared = node as ConfigMap ?? NotAMapping(node.Source, "shared");
                    break;
                case "services":
                    services = node as ConfigMap ?? NotAMapping(node.Source, "services");
                    break;
                default:
                    problems.Add(new Problem(node.Source, ProblemCodes.UnknownSection,
                        $"'{key}' is not a section of an environment file: use extends, shared and services."));
                    break;
            }
        }
        return new EnvironmentDocument(name, file, extends, shared, services);
    }

    private ConfigMap NotAMapping(SourceMark source, string what)
    {
        problems.Add(new Problem(source, ProblemCodes.NotAMapping, $"{what} must be a mapping of keys to values."));
        return ConfigMap.Empty(source);
    }

    private ConfigNode Read(YamlNode node, SourceMark source) => node switch
    {
        YamlMappingNode mapping => ReadMapping(mapping, source),
        YamlSequenceNode sequence => new ConfigList(sequence.Children.Select(item => Read(item, Mark(item))).ToList(), source),
        YamlScalarNode { Style: ScalarStyle.Plain } scalar when NullWords.Contains(scalar.Value ?? "") => new ConfigRemoval(source),
        YamlScalarNode scalar => new ConfigScalar(scalar.Value ?? "", source),
        _ => new ConfigScalar("", source),
    };

    private ConfigMap ReadMapping(YamlMappingNode mapping, SourceMark source)
    {
        var entries = ConfigMap.NewEntries();
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            var keyMark = Mark(keyNode);
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            if (!entries.TryAdd(key, Read(valueNode, keyMark)))
                problems.Add(new Problem(keyMark, ProblemCodes.DuplicateKey,
                    $"'{key}' is given twice in one mapping (keys compare ignoring case)."));
        }
        return new ConfigMap(entries, source);
    }

    private SourceMark Mark(YamlNode node) => new(file, (int)node.Start.Line);
}
