using Mosaic.Cli.CommandLine;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Mosaic.Cli.Environments.Editing;

/// <summary>
/// Sets a value at a path of a YAML file by editing its text, so comments and layout elsewhere survive:
/// an existing value is replaced where it stands; missing mapping levels are added after the deepest
/// existing one, indented like its keys.
/// </summary>
public sealed class YamlTextEditor(string file, string text)
{
    private const int Indent = 2;

    public string Text { get; private set; } = text;

    /// <param name="path">Mapping keys from the top (compared ignoring case); new levels take these spellings.</param>
    /// <param name="valueText">The value as YAML text: see <see cref="YamlScalarText"/>.</param>
    public void Set(IReadOnlyList<string> path, string valueText)
    {
        var root = Parse();
        if (root is null)
        {
            Text = Text + (Text.Length == 0 || Text.EndsWith('\n') ? "" : "\n") + Lines(path, 0, 0, valueText);
            return;
        }
        var mapping = root;
        for (var depth = 0; depth < path.Count; depth++)
        {
            var entry = mapping.Children.FirstOrDefault(c => string.Equals((c.Key as YamlScalarNode)?.Value, path[depth], StringComparison.OrdinalIgnoreCase));
            if (entry.Key is null)
            {
                Insert(mapping, path, depth, valueText);
                return;
            }
            if (depth == path.Count - 1)
            {
                Replace(entry.Value, valueText);
                return;
            }
            mapping = entry.Value as YamlMappingNode is { Style: not MappingStyle.Flow } next
                ? next
                : throw new CliException($"{file}:{entry.Key.Start.Line}: {string.Join('.', path.Take(depth + 1))} is not a block mapping, so mosaic cannot add {path[^1]} beneath it; edit it by hand.");
        }
    }

    private YamlMappingNode? Parse()
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(Text));
        }
        catch (YamlException e)
        {
            throw new CliException($"{file}:{e.Start.Line} is not valid YAML ({e.Message}); fix it before promoting into it.", e);
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" }) return null;
        return stream.Documents[0].RootNode as YamlMappingNode
            ?? throw new CliException($"{file} does not hold a mapping at the top; fix it before promoting into it.");
    }

    private void Replace(YamlNode node, string valueText)
    {
        var start = (int)node.Start.Index;
        var end = (int)LastEnd(node).Index;
        var separator = start > 0 && Text[start - 1] == ':' ? " " : "";
        Text = Text[..start] + separator + valueText + Text[end..];
    }

    private void Insert(YamlMappingNode mapping, IReadOnlyList<string> path, int depth, string valueText)
    {
        if (mapping.Children.Count == 0)
            throw new CliException($"{file}:{mapping.Start.Line}: {string.Join('.', path.Take(depth))} is an empty flow mapping; write it in block style before promoting into it.");
        var indent = (int)mapping.Children.First().Key.Start.Column - 1;
        var lineEnd = Text.IndexOf('\n', (int)LastEnd(mapping).Index);
        var at = lineEnd < 0 ? Text.Length : lineEnd + 1;
        var prefix = lineEnd < 0 ? "\n" : "";
        Text = Text[..at] + prefix + Lines(path, depth, indent, valueText) + Text[at..];
    }

    private static string Lines(IReadOnlyList<string> path, int depth, int indent, string valueText)
    {
        var lines = new System.Text.StringBuilder();
        for (var i = depth; i < path.Count; i++)
        {
            lines.Append(' ', indent + (i - depth) * Indent).Append(YamlScalarText.Format(path[i])).Append(':');
            lines.Append(i == path.Count - 1 ? $" {valueText}\n" : "\n");
        }
        return lines.ToString();
    }

    /// <summary>Where a node's text really ends: a block collection's own end mark lies at the next token, past blank lines and comments.</summary>
    private static Mark LastEnd(YamlNode node) => node switch
    {
        YamlMappingNode { Style: not MappingStyle.Flow, Children.Count: > 0 } mapping => LastEnd(mapping.Children.Last().Value),
        YamlSequenceNode { Style: not SequenceStyle.Flow, Children.Count: > 0 } sequence => LastEnd(sequence.Children.Last()),
        _ => node.End,
    };
}
