using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Mosaic.Platform.Policy;

/// <summary>
/// Reads <c>policies/policy.yaml</c>. Only its shape is checked here (names, methods, templates);
/// whether the services, routes and events it names exist is <c>mosaic policy check</c>'s work.
/// </summary>
public static class PolicyParser
{
    public const string FolderName = "policies";
    public const string FileName = "policy.yaml";

    private static readonly HashSet<string> Methods = new(StringComparer.Ordinal)
    {
        "*", "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS",
    };

    /// <summary>The policy beside a manifest: <c>ROOT/policies/policy.yaml</c>.</summary>
    public static string PathBeside(string manifestPath) =>
        System.IO.Path.Combine(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(manifestPath))!, FolderName, FileName);

    public static PolicyDocument Load(string path)
    {
        if (!File.Exists(path))
            throw new PolicyException($"No policy at '{path}': every service needs one (default deny). Create {FolderName}/{FileName} beside mosaic.yaml.");
        return Parse(File.ReadAllText(path), path);
    }

    public static PolicyDocument Parse(string yaml, string path)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new PolicyException(path, (int)e.Start.Line, e.InnerException?.Message ?? e.Message, e);
        }
        if (stream.Documents.Count == 0) return new PolicyDocument(path, EnforcementMode.Enforce, [], [], []);
        var reader = new Reader(path);
        var root = reader.Mapping(stream.Documents[0].RootNode, "the policy");

        var defaultMode = EnforcementMode.Enforce;
        var modes = new List<ServiceMode>();
        var calls = new List<CallRule>();
        var events = new List<EventRule>();
        foreach (var (keyNode, value) in root.Children)
        {
            var key = reader.Scalar(keyNode, "a key");
            switch (key)
            {
                case "mode":
                    defaultMode = reader.Mode(value);
                    break;
                case "modes":
                    foreach (var (service, mode) in reader.Mapping(value, "modes").Children)
                        modes.Add(new ServiceMode(reader.Name(service, "a service in modes"), reader.Mode(mode), Reader.Line(service)));
                    break;
                case "calls":
                    foreach (var entry in reader.Sequence(value, "calls").Children)
                        calls.Add(reader.Call(entry));
                    break;
                case "events":
                    foreach (var (type, rule) in reader.Mapping(value, "events").Children)
                        events.Add(reader.Event(type, rule));
                    break;
                default:
                    throw reader.Error(keyNode, $"unknown key '{key}'; a policy has mode, modes, calls and events");
            }
        }
        return new PolicyDocument(path, defaultMode, modes, calls, events);
    }

    private sealed class Reader(string path)
    {
        public static int Line(YamlNode node) => (int)node.Start.Line;

        public PolicyException Error(YamlNode node, string message) => new(path, Line(node), message);

        public YamlMappingNode Mapping(YamlNode node, string what) =>
            node as YamlMappingNode ?? throw Error(node, $"{what} must be a mapping of keys to values");

        public YamlSequenceNode Sequence(YamlNode node, string what) =>
            node as YamlSequenceNode ?? throw Error(node, $"{what} must be a list");

        public string Scalar(YamlNode node, string what) =>
            node is YamlScalarNode { Value: { Length: > 0 } value } ? value : throw Error(node, $"{what} must be a non-empty text");

        public string Name(YamlNode node, string what)
        {
            var name = Scalar(node, what);
            return IsName(name) ? name : throw Error(node, $"{what} is '{name}'; names are lower case letters, digits and '-'");
        }

        public EnforcementMode Mode(YamlNode node) => Scalar(node, "a mode") switch
        {
            "enforce" => EnforcementMode.Enforce,
            "audit" => EnforcementMode.Audit,
            var other => throw Error(node, $"mode '{other}' is neither 'enforce' nor 'audit'"),
        };

        public CallRule Call(YamlNode node)
        {
            var map = Mapping(node, "a call rule");
            string? from = null, to = null;
            var allow = new List<OperationPattern>();
            foreach (var (keyNode, value) in map.Children)
            {
                switch (Scalar(keyNode, "a key"))
                {
                    case "from": from = Name(value, "from"); break;
                    case "to": to = Name(value, "to"); break;
                    case "allow":
                        foreach (var operation in Sequence(value, "allow").Children) allow.Add(Operation(operation));
                        break;
                    case var other: throw Error(keyNode, $"unknown key '{other}' in a call rule; use from, to and allow");
                }
            }
            if (from is null || to is null) throw Error(node, "a call rule needs both 'from' and 'to'");
            if (allow.Count == 0) throw Error(node, $"the rule {from} -> {to} allows nothing; list operations under 'allow' as 'METHOD /path'");
            return new CallRule(from, to, allow, Line(node));
        }

        public EventRule Event(YamlNode typeNode, YamlNode value)
        {
            var type = Scalar(typeNode, "an event type");
            if (!IsEventType(type))
                throw Error(typeNode, $"event type '{type}' is not 'source.event-name' (lower case, without the version)");
            var map = Mapping(value, $"event {type}");
            var publishers = new List<string>();
            var consumers = new List<string>();
            foreach (var (keyNode, list) in map.Children)
            {
                var target = Scalar(keyNode, "a key") switch
                {
                    "publishers" => publishers,
                    "consumers" => consumers,
                    var other => throw Error(keyNode, $"unknown key '{other}' under event {type}; use publishers and consumers"),
                };
                foreach (var service in Sequence(list, $"{type}'s {Scalar(keyNode, "a key")}").Children)
                    target.Add(Name(service, "a service"));
            }
            return new EventRule(type, publishers, consumers, Line(typeNode));
        }

        private OperationPattern Operation(YamlNode node)
        {
            var text = Scalar(node, "an operation");
            var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2)
                throw Error(node, $"operation '{text}' is not 'METHOD /path' (for example 'GET /products/*')");
            if (!Methods.Contains(parts[0]))
                throw Error(node, $"'{parts[0]}' is not a method; use one of {string.Join(", ", Methods)}");
            if (!PathTemplate.TryParse(parts[1], out var template, out var error))
                throw Error(node, $"path template {error}");
            return new OperationPattern(parts[0], template!, Line(node));
        }

        private static bool IsName(string name) =>
            name.Length > 0 && name[0] is >= 'a' and <= 'z' && name.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-');

        private static bool IsEventType(string type)
        {
            var parts = type.Split('.');
            return parts.Length >= 2 && parts.All(IsName);
        }
    }
}
