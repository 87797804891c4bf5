using Mosaic.Catalog.Contracts;
using Mosaic.Cli.Commands.Bus;
using Mosaic.Cli.Load.Shop;
using Mosaic.Payments.Contracts;
using Mosaic.PaymentProvider.Contracts;
using Mosaic.Platform.Messaging.Transport;

namespace Mosaic.Cli.Chaos.Invariants;

/// <summary>
/// What the services said after a run, for the invariants to judge: each accepted order as it ended, the
/// provider's ledger, payments' record of each order, the run's products' stock, every instance's outbox,
/// and the dead letters before and after.
/// </summary>
/// <param name="UnansweredOrders">Place-order requests that got no answer or a 5xx: such an order may exist although the run never learned its id.</param>
public sealed record AuditEvidence(
    IReadOnlyList<SettledOrder> Orders,
    TimeSpan SettleBound,
    IReadOnlyList<ChargeResponse> Ledger,
    IReadOnlyDictionary<Guid, PaymentResponse?> Payments,
    IReadOnlyList<StockLevels> Stock,
    int InitialStock,
    long UnansweredOrders,
    IReadOnlyList<InstanceMessaging> Messaging,
    IReadOnlyList<QueueStats>? QueuesBefore,
    IReadOnlyList<QueueStats>? QueuesAfter);
