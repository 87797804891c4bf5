namespace Mosaic.Orders.Contracts;

/// <summary>One page of the caller's orders, newest first; <see cref="TotalCount"/> counts all of them.</summary>
public sealed record OrderPage(IReadOnlyList<OrderResponse> Items, int Page, int PageSize, int TotalCount);
