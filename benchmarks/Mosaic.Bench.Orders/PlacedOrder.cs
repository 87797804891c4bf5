using System.Text.Json;

namespace Mosaic.Bench.Orders;

/// <summary>One order the benchmark placed: when it was due, what the POST answered, and what it became.</summary>
public sealed class PlacedOrder(int index, int customer, bool measured, DateTimeOffset scheduledAt)
{
    public int Index { get; } = index;
    public int Customer { get; } = customer;
    public bool Measured { get; } = measured;
    public DateTimeOffset ScheduledAt { get; } = scheduledAt;
    public int Status { get; set; }
    public Guid? Id { get; set; }
    public string? Error { get; set; }

    /// <summary>From the due time to the POST's answer, in microseconds.</summary>
    public long PostMicros { get; set; }

    /// <summary>The last body read back from GET /api/orders/{id}.</summary>
    public JsonElement? Order { get; set; }

    public string? CurrentStatus => Order?.GetProperty("status").GetString();

    public bool IsTerminal => CurrentStatus is "Confirmed" or "Cancelled";

    /// <summary>When the order first entered <paramref name="status"/>, from its history.</summary>
    public DateTimeOffset? EnteredAt(string status)
    {
        if (Order is not { } order || !order.TryGetProperty("history", out var history)) return null;
        foreach (var change in history.EnumerateArray())
        {
            if (change.GetProperty("status").GetString() == status) return change.GetProperty("at").GetDateTimeOffset();
        }
        return null;
    }

    public DateTimeOffset? CreatedAt => Order?.GetProperty("createdAt").GetDateTimeOffset();

    public string? Reason => Order is { } order && order.TryGetProperty("reason", out var reason) && reason.ValueKind == JsonValueKind.String ? reason.GetString() : null;
}
