using Mosaic.Orders.Contracts;

namespace Mosaic.Cli.Commands.Demo;

/// <summary>One order the demo places, and how it should end.</summary>
public sealed record DemoOrder(string Label, Guid ProductId, int Quantity, string PaymentToken, string ExpectedStatus, string? ExpectedReason);

/// <summary>
/// Where a followed order got to: <see cref="Last"/> is the order as last read, <see cref="TimeToTerminal"/>
/// is the time from placing to Confirmed or Cancelled by the order's own history, or null when it never got there.
/// </summary>
public sealed record FollowedOrder(DemoOrder Order, Guid Id, OrderResponse Last, TimeSpan? TimeToTerminal)
{
    public bool IsTerminal => TimeToTerminal is not null;

    public bool EndedAsExpected =>
        IsTerminal && Last.Status == Order.ExpectedStatus && (Order.ExpectedReason is null || Last.Reason == Order.ExpectedReason);

    /// <summary>The part of the id that differs between orders placed together (version 7 ids start with the time).</summary>
    public string ShortId => Id.ToString("N")[^8..];
}
