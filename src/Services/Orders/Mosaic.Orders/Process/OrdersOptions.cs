using System.ComponentModel.DataAnnotations;

namespace Mosaic.Orders.Process;

/// <summary>Settings under <c>Orders</c>.</summary>
public sealed class OrdersOptions
{
    public const string Section = "Orders";

    /// <summary>
    /// How long an order waits for payments to answer once its stock is reserved, before it is cancelled.
    /// Keep it well above <c>Mosaic:Messaging:ConsumerLease</c> (30 s): an answer held by an instance
    /// that crashed comes back only when its lease ends, and should still find the order waiting.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan PaymentTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often overdue payments are looked for.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Overdue orders cancelled per sweep; the next sweep takes the rest.</summary>
    [Range(1, 10_000)]
    public int SweepBatchSize { get; set; } = 100;
}
