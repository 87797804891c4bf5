using System.Globalization;
using Mosaic.Cli.CommandLine;
using Mosaic.Cli.Load.Scheduling;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Mosaic.Cli.Load.Scenarios;

/// <summary>
/// Reads a scenario file (YAML; the README's "Scenario files" shows the format). Every mistake is one
/// sentence naming the file and line, thrown as a <see cref="CliException"/>.
/// </summary>
public static class ScenarioFile
{
    private static readonly string[] Methods = ["get", "post", "put", "delete"];
    private static readonly HashSet<string> TopKeys = ["name", "users", "products", "requests", "phases"];
    private static readonly HashSet<string> RequestKeys = ["name", "weight", "get", "post", "put", "delete", "headers", "body", "remember"];
    private static readonly HashSet<string> PhaseKeys = ["rate", "from", "to", "duration"];

    public static Scenario Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) throw new CliException($"The scenario file {path} does not exist: give the path of a YAML file (see `mosaic load --help`).");
        return Parse(File.ReadAllText(path), path);
    }

    public static Scenario Parse(string text, string source)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new CliException($"{source}:{e.Start.Line}: is not valid YAML ({e.Message}).", e);
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new CliException($"{source}: a scenario is a mapping with name, users, products and requests.");

        string name = "scenario";
        int users = 20, products = 4;
        List<ScenarioRequest>? requests = null;
        List<RatePhase>? phases = null;
        foreach (var (keyNode, value) in root.Children)
        {
            var key = Key(keyNode, source, TopKeys, "a scenario's keys are name, users, products, requests and phases");
            switch (key)
            {
                case "name": name = Scalar(value, source, "name"); break;
                case "users": users = Integer(value, source, "users", 1, 10_000); break;
                case "products": products = Integer(value, source, "products", 1, 100); break;
                case "requests": requests = Requests(value, source); break;
                case "phases": phases = Phases(value, source); break;
            }
        }
        if (requests is null || requests.Count == 0) throw new CliException($"{source}: the scenario has no requests: list at least one under requests.");
        var names = requests.GroupBy(r => r.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (names is not null) throw new CliException($"{source}: two requests are named '{names.Key}': give each its own name.");
        if (requests.Any(r => r.NeedsOrder) && !requests.Any(r => r.RemembersOrder))
            throw new CliException($"{source}: a request uses {Placeholders.OrderId}, but none has 'remember: order' to place the orders it reads.");
        return new Scenario(name, users, products, requests, phases);
    }

    private static List<ScenarioRequest> Requests(YamlNode node, string source)
    {
        if (node is not YamlSequenceNode list) throw new CliException($"{At(source, node)}: requests is a list of requests.");
        var requests = new List<ScenarioRequest>();
        foreach (var item in list.Children)
        {
            if (item is not YamlMappingNode map) throw new CliException($"{At(source, item)}: each request is a mapping with a name, a weight and one of get/post/put/delete.");
            string? name = null, path = null, body = null;
            HttpMethod? method = null;
            double weight = 1;
            var remembers = false;
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (keyNode, value) in map.Children)
            {
                var key = Key(keyNode, source, RequestKeys, "a request's keys are name, weight, get/post/put/delete, headers, body and remember");
                switch (key)
                {
                    case "name": name = Scalar(value, source, "name"); break;
                    case "weight": weight = Number(value, source, "weight"); break;
                    case "headers": headers = Headers(value, source); break;
                    case "body": body = Scalar(value, source, "body"); break;
                    case "remember":
                        var remembered = Scalar(value, source, "remember");
                        if (remembered != "order") throw new CliException($"{At(source, value)}: remember takes 'order' (the created order's id is kept for {Placeholders.OrderId}), not '{remembered}'.");
                        remembers = true;
                        break;
                    default:
                        if (method is not null) throw new CliException($"{At(source, keyNode)}: a request has one of get, post, put or delete, not two.");
                        method = new HttpMethod(key.ToUpperInvariant());
                        path = Scalar(value, source, key);
                        if (!path.StartsWith('/')) throw new CliException($"{At(source, value)}: the path '{path}' must start with '/' (it is sent to the gateway).");
                        break;
                }
            }
            if (name is null) throw new CliException($"{At(source, item)}: the request has no name.");
            if (method is null || path is null) throw new CliException($"{At(source, item)}: request '{name}' needs one of get, post, put or delete with a path.");
            var unknown = Placeholders.Unknown(path).Concat(body is null ? [] : Placeholders.Unknown(body)).Concat(headers.Values.SelectMany(Placeholders.Unknown)).FirstOrDefault();
            if (unknown is not null)
                throw new CliException($"{At(source, item)}: request '{name}' uses {unknown}, which is not a placeholder; use {string.Join(", ", Placeholders.All)}.");
            requests.Add(new ScenarioRequest(name, weight, method, path, body, headers, remembers));
        }
        return requests;
    }

    private static List<RatePhase> Phases(YamlNode node, string source)
    {
        if (node is not YamlSequenceNode list || list.Children.Count == 0) throw new CliException($"{At(source, node)}: phases is a list like '- {{ rate: 100, duration: 30s }}' or '- {{ from: 100, to: 400, duration: 60s }}'.");
        var phases = new List<RatePhase>();
        foreach (var item in list.Children)
        {
            if (item is not YamlMappingNode map) throw new CliException($"{At(source, item)}: each phase is a mapping with rate (or from and to) and duration.");
            double? rate = null, from = null, to = null;
            TimeSpan? duration = null;
            foreach (var (keyNode, value) in map.Children)
            {
                switch (Key(keyNode, source, PhaseKeys, "a phase's keys are rate, from, to and duration"))
                {
                    case "rate": rate = Rate(value, source, "rate"); break;
                    case "from": from = Rate(value, source, "from"); break;
                    case "to": to = Rate(value, source, "to"); break;
                    case "duration":
                        duration = LoadDuration.TryParse(Scalar(value, source, "duration"), out var d)
                            ? d
                            : throw new CliException($"{At(source, value)}: duration is a time like 30s, 500ms or 2m.");
                        break;
                }
            }
            if (duration is null) throw new CliException($"{At(source, item)}: the phase has no duration.");
            if (rate is not null && (from is not null || to is not null)) throw new CliException($"{At(source, item)}: a phase has a rate, or from and to (a ramp), not both.");
            if (rate is null && (from is null || to is null)) throw new CliException($"{At(source, item)}: the phase needs a rate, or from and to.");
            phases.Add(rate is { } constant ? RatePhase.Constant(constant, duration.Value) : new RatePhase(from!.Value, to!.Value, duration.Value));
        }
        return phases;
    }

    private static Dictionary<string, string> Headers(YamlNode node, string source)
    {
        if (node is not YamlMappingNode map) throw new CliException($"{At(source, node)}: headers is a mapping of header names to values.");
        return map.Children.ToDictionary(
            entry => Scalar(entry.Key, source, "header name"),
            entry => Scalar(entry.Value, source, "header value"),
            StringComparer.OrdinalIgnoreCase);
    }

    private static string Key(YamlNode node, string source, HashSet<string> allowed, string hint)
    {
        var key = Scalar(node, source, "key");
        if (!allowed.Contains(key)) throw new CliException($"{At(source, node)}: '{key}' is not a key here; {hint}.");
        return key;
    }

    private static string Scalar(YamlNode node, string source, string what) =>
        node is YamlScalarNode { Value: { } value } ? value : throw new CliException($"{At(source, node)}: {what} must be a single value.");

    private static int Integer(YamlNode node, string source, string what, int min, int max)
    {
        var text = Scalar(node, source, what);
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new CliException($"{At(source, node)}: {what} is a whole number from {min} to {max}, not '{text}'.");
    }

    private static double Number(YamlNode node, string source, string what)
    {
        var text = Scalar(node, source, what);
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 && double.IsFinite(value)
            ? value
            : throw new CliException($"{At(source, node)}: {what} is a number above 0, not '{text}'.");
    }

    private static double Rate(YamlNode node, string source, string what)
    {
        var rate = Number(node, source, what);
        return rate <= LoadLimits.MaxRate ? rate : throw new CliException($"{At(source, node)}: {what} is at most {LoadLimits.MaxRate} requests/s.");
    }

    private static string At(string source, YamlNode node) => $"{source}:{node.Start.Line}";
}
