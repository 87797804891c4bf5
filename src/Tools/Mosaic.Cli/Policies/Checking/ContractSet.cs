using System.Text.Json;
using Mosaic.Cli.Diagnostics;
using Mosaic.Platform.Contracts;
using Mosaic.Platform.Messaging;

namespace Mosaic.Cli.Policies.Checking;

/// <summary>The committed contracts of the manifest's services (<c>contracts/services/SERVICE.json</c>), read once.</summary>
public sealed class ContractSet
{
    private readonly Dictionary<string, (ServiceContract Contract, string[] Lines)> contracts = new(StringComparer.Ordinal);

    private ContractSet()
    {
    }

    /// <summary>The services whose contract is missing (a contract that does not parse is a problem of its own).</summary>
    public IReadOnlyList<string> Missing { get; private set; } = [];

    public IEnumerable<ServiceContract> All => contracts.Values.Select(c => c.Contract);

    /// <summary>Reads the contract of every one of <paramref name="services"/>; one that does not parse is added to <paramref name="problems"/>.</summary>
    public static ContractSet Load(string root, IEnumerable<string> services, List<Problem> problems)
    {
        var set = new ContractSet();
        var missing = new List<string>();
        foreach (var service in services)
        {
            var relative = ServiceContract.RelativePath(service);
            var path = Path.Combine(root, relative);
            if (!File.Exists(path))
            {
                missing.Add(service);
                continue;
            }
            var text = File.ReadAllText(path);
            try
            {
                set.contracts[service] = (ServiceContract.Parse(text), text.Split('\n'));
            }
            catch (JsonException e)
            {
                problems.Add(new Problem(new SourceMark(relative, 1), PolicyProblemCodes.BadContract,
                    $"is not a service contract ({e.Message}); export it again with ./mosaic policy contracts.", service));
            }
        }
        set.Missing = missing;
        return set;
    }

    public ServiceContract? Find(string service) => contracts.GetValueOrDefault(service).Contract;

    public IReadOnlyList<EndpointRoute> Endpoints(string service) =>
        Find(service)?.Endpoints.Select(EndpointRoute.Parse).OfType<EndpointRoute>().ToList() ?? [];

    /// <summary>Does <paramref name="service"/>'s code publish <paramref name="eventType"/> (any version)?</summary>
    public bool Publishes(string service, string eventType) => Find(service)?.Publishes.Any(e => TypeOf(e) == eventType) == true;

    public bool Consumes(string service, string eventType) => Find(service)?.Consumes.Any(e => TypeOf(e) == eventType) == true;

    /// <summary>The event type of a versioned name in a contract: <c>orders.order-placed.v1</c> → <c>orders.order-placed</c>.</summary>
    public static string TypeOf(string routingKey) => EventTypeName.TryParse(routingKey, out var name) ? name.Type : routingKey;

    /// <summary>Where <paramref name="text"/> is written in <paramref name="service"/>'s contract, to point at it.</summary>
    public SourceMark Mark(string service, string text)
    {
        var lines = contracts.GetValueOrDefault(service).Lines ?? [];
        var index = Array.FindIndex(lines, line => line.Contains($"\"{text}\"", StringComparison.Ordinal));
        return new SourceMark(ServiceContract.RelativePath(service), index < 0 ? 1 : index + 1);
    }
}
