namespace Mosaic.Cli.Load.Scenarios;

/// <summary>
/// One kind of request in a scenario: how often it is picked (<see cref="Weight"/> against the others),
/// what it sends, and whether the order id it creates is remembered for <c>{orderId}</c>.
/// Paths, headers and bodies may use the placeholders of <see cref="Placeholders"/>.
/// </summary>
public sealed record ScenarioRequest(
    string Name,
    double Weight,
    HttpMethod Method,
    string Path,
    string? Body,
    IReadOnlyDictionary<string, string> Headers,
    bool RemembersOrder)
{
    /// <summary>Whether a request of this kind can only be sent once some order was placed.</summary>
    public bool NeedsOrder => Placeholders.Uses(this, Placeholders.OrderId);
}
