using Mosaic.Cli.CommandLine;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Mosaic.Cli.Policies.Testing;

/// <summary>
/// Reads a truth table (<c>policies/tests.yaml</c>): lists under <c>calls</c> (from, to, method, path),
/// <c>publish</c> and <c>consume</c> (service, event), each entry with <c>expect: allow|deny</c> and, if wanted,
/// the <c>rule</c> that must decide. A file that is not that shape is a <see cref="CliException"/> naming the line.
/// </summary>
public static class PolicyCaseFile
{
    public const string FileName = "tests.yaml";

    public static IReadOnlyList<PolicyCase> Parse(string yaml, string path)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new CliException($"{path}:{e.Start.Line}: {e.InnerException?.Message ?? e.Message}", e);
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new CliException($"{path}:1: a case file is a mapping with calls, publish and consume lists.");
        var cases = new List<PolicyCase>();
        foreach (var (key, value) in root.Children)
        {
            var kind = Text(key) switch
            {
                "calls" => CaseKind.Call,
                "publish" => CaseKind.Publish,
                "consume" => CaseKind.Consume,
                var other => throw Error(path, key, $"unknown key '{other}'; a case file has calls, publish and consume"),
            };
            if (value is not YamlSequenceNode list) throw Error(path, value, $"{Text(key)} must be a list of cases");
            cases.AddRange(list.Children.Select(entry => Case(path, kind, entry)));
        }
        return cases;
    }

    private static PolicyCase Case(string path, CaseKind kind, YamlNode node)
    {
        if (node is not YamlMappingNode map) throw Error(path, node, "a case is a mapping, such as { from: gateway, to: catalog, method: GET, path: /products, expect: allow }");
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        string[] allowed = kind == CaseKind.Call ? ["from", "to", "method", "path", "expect", "rule"] : ["service", "event", "expect", "rule"];
        foreach (var (key, value) in map.Children)
        {
            var name = Text(key);
            if (!allowed.Contains(name)) throw Error(path, key, $"unknown key '{name}' in a {kind.ToString().ToLowerInvariant()} case; use {string.Join(", ", allowed)}");
            fields[name] = value is YamlScalarNode { Value: { } text } ? text : throw Error(path, value, $"{name} must be a text");
        }
        string Required(string name) => fields.TryGetValue(name, out var value) && value.Length > 0
            ? value
            : throw Error(path, node, $"this case has no {name}; a {kind.ToString().ToLowerInvariant()} case needs {string.Join(", ", allowed.SkipLast(1))}");
        var expect = Required("expect") switch
        {
            "allow" => true,
            "deny" => false,
            var other => throw Error(path, node, $"expect is '{other}'; it is allow or deny"),
        };
        var line = (int)node.Start.Line;
        return kind == CaseKind.Call
            ? new PolicyCase(kind, Required("from"), Required("to"), Required("method"), Required("path"), null, expect, fields.GetValueOrDefault("rule"), line)
            : new PolicyCase(kind, Required("service"), null, null, null, Required("event"), expect, fields.GetValueOrDefault("rule"), line);
    }

    private static string Text(YamlNode node) => node is YamlScalarNode { Value: { } text } ? text : "";

    private static CliException Error(string path, YamlNode node, string message) => new($"{path}:{node.Start.Line}: {message}.");
}
