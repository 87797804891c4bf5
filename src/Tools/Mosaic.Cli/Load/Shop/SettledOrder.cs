namespace Mosaic.Cli.Load.Shop;

/// <summary>
/// Where a placed order ended up. <see cref="Completion"/> runs from the moment its POST was due to
/// its terminal status: the client's wait until the 202, plus the time the order's own history puts
/// between its creation and its last status (the services' clocks, which are this machine's).
/// </summary>
public sealed record SettledOrder(Guid Id, string Status, string? Reason, TimeSpan? Completion)
{
    public bool IsTerminal => Status is "Confirmed" or "Cancelled";
}
