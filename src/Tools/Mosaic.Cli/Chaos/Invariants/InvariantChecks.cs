using System.Globalization;
using Mosaic.Cli.Commands.Bus;
using Mosaic.Payments.Contracts;
using Mosaic.PaymentProvider.Contracts;

namespace Mosaic.Cli.Chaos.Invariants;

/// <summary>Judges the business invariants on the evidence an audit collected; every verdict comes with its numbers.</summary>
public static class InvariantChecks
{
    public const string OrdersTerminal = "every accepted order reached a terminal state";
    public const string NoDoubleCharge = "no order charged twice (provider ledger against payments' records)";
    public const string StockConserved = "stock conserved (initial = available + reserved + sold)";
    public const string OutboxDrained = "every outbox drained";
    public const string NoNewDeadLetters = "no new dead letters";

    public static IReadOnlyList<InvariantResult> Judge(AuditEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        return [Terminal(evidence), Charges(evidence), Stock(evidence), Outboxes(evidence), DeadLetters(evidence)];
    }

    public static InvariantResult Terminal(AuditEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var open = evidence.Orders.Where(o => !o.IsTerminal).ToList();
        var confirmed = evidence.Orders.Count(o => o.Status == "Confirmed");
        var cancelled = evidence.Orders.Count(o => o.Status == "Cancelled");
        return open.Count == 0
            ? new(OrdersTerminal, true, Invariant($"{evidence.Orders.Count} accepted: {confirmed} confirmed, {cancelled} cancelled, within {evidence.SettleBound.TotalSeconds:0} s"))
            : new(OrdersTerminal, false, Invariant($"{open.Count} of {evidence.Orders.Count} not terminal after {evidence.SettleBound.TotalSeconds:0} s, e.g. {open[0].Id} ({open[0].Status})"));
    }

    public static InvariantResult Charges(AuditEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var byOrder = evidence.Ledger
            .Where(c => Guid.TryParse(c.Reference, out _))
            .GroupBy(c => Guid.Parse(c.Reference!))
            .ToDictionary(g => g.Key, g => g.ToList());
        var problems = new List<string>();
        foreach (var order in evidence.Orders)
        {
            var charges = byOrder.TryGetValue(order.Id, out var list) ? list : [];
            var moved = charges.Count(c => c.Status is ChargeStatuses.Succeeded or ChargeStatuses.Refunded);
            var kept = charges.Where(c => c.Status == ChargeStatuses.Succeeded).ToList();
            evidence.Payments.TryGetValue(order.Id, out var payment);
            if (moved > 1) problems.Add(Invariant($"order {order.Id} charged {moved} times"));
            else if (order.Status == "Confirmed" && kept.Count != 1) problems.Add(Invariant($"confirmed order {order.Id} has {kept.Count} standing charges"));
            else if (order.Status == "Confirmed" && (payment?.Status != PaymentStatuses.Succeeded || payment.ChargeId != kept[0].Id))
                problems.Add($"confirmed order {order.Id}: payments records {payment?.Status ?? "nothing"} ({payment?.ChargeId ?? "no charge"}), the ledger {kept[0].Id}");
            else if (order.Status == "Cancelled" && kept.Count > 0) problems.Add($"cancelled order {order.Id} still charged ({kept[0].Id})");
            else if (order.Status == "Cancelled" && payment?.Status == PaymentStatuses.Succeeded) problems.Add($"cancelled order {order.Id}: payments records it as paid");
        }
        var charged = evidence.Orders.Count(o => byOrder.TryGetValue(o.Id, out var l) && l.Any(c => c.Status == ChargeStatuses.Succeeded));
        return problems.Count == 0
            ? new(NoDoubleCharge, true, Invariant($"{evidence.Orders.Count} orders, {charged} with one standing charge, each matching payments' record"))
            : new(NoDoubleCharge, false, Invariant($"{problems.Count} order(s) wrong: {string.Join("; ", problems.Take(3))}"));
    }

    public static InvariantResult Stock(AuditEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var unbalanced = evidence.Stock.Where(s => s.Available + s.Reserved + s.Sold != evidence.InitialStock).ToList();
        var held = evidence.Stock.Sum(s => s.Reserved);
        var sold = evidence.Stock.Sum(s => s.Sold);
        var confirmedUnits = evidence.Orders.Count(o => o.Status == "Confirmed"); // the shop mix orders one unit
        var allTerminal = evidence.Orders.All(o => o.IsTerminal);
        if (unbalanced.Count > 0)
        {
            var s = unbalanced[0];
            return new(StockConserved, false, Invariant($"product {s.ProductId}: {evidence.InitialStock} ≠ {s.Available} available + {s.Reserved} reserved + {s.Sold} sold"));
        }
        if (allTerminal && held > 0)
            return new(StockConserved, false, Invariant($"every order ended, yet {held} unit(s) are still reserved"));
        if (sold < confirmedUnits || sold > confirmedUnits + evidence.UnansweredOrders)
            return new(StockConserved, false, Invariant($"{sold} unit(s) sold for {confirmedUnits} confirmed order(s) of one unit (and {evidence.UnansweredOrders} unanswered order request(s))"));
        var unseen = sold - confirmedUnits;
        return new(StockConserved, true, Invariant(
            $"{evidence.Stock.Count} product(s) of {evidence.InitialStock} units: {sold} sold, {held} reserved, the rest available; sold = confirmed orders") +
            (unseen > 0 ? Invariant($" + {unseen} order(s) whose request got no answer but which went through") : ""));
    }

    public static InvariantResult Outboxes(AuditEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var running = evidence.Messaging.Where(m => m.State == MessagingState.Running).ToList();
        var waiting = running.Where(m => m.OutboxBacklog is > 0).ToList();
        var silent = evidence.Messaging.Where(m => m.State is MessagingState.NotRunning or MessagingState.NotAnswering).ToList();
        if (waiting.Count > 0)
            return new(OutboxDrained, false, string.Join(", ", waiting.Select(m => Invariant($"{m.Id} has {m.OutboxBacklog} unsent"))));
        if (silent.Count > 0)
            return new(OutboxDrained, false, $"could not read {string.Join(", ", silent.Select(m => m.Id))}");
        return new(OutboxDrained, true, Invariant($"{running.Count} instance(s) with messaging, none with an unsent event"));
    }

    public static InvariantResult DeadLetters(AuditEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        if (evidence.QueuesAfter is null) return new(NoNewDeadLetters, false, "the bus could not be read");
        var before = (evidence.QueuesBefore ?? []).ToDictionary(q => q.Queue, q => q.DeadLettered, StringComparer.Ordinal);
        var grown = evidence.QueuesAfter
            .Select(q => (q.Queue, Added: q.DeadLettered - (before.TryGetValue(q.Queue, out var b) ? b : 0), q.DeadLettered))
            .Where(q => q.Added > 0)
            .ToList();
        var old = evidence.QueuesAfter.Sum(q => q.DeadLettered) - grown.Sum(q => q.Added);
        return grown.Count == 0
            ? new(NoNewDeadLetters, true, old == 0 ? "no queue has a dead letter" : Invariant($"none added; {old} from before the run (see ./mosaic bus dlq list)"))
            : new(NoNewDeadLetters, false, string.Join(", ", grown.Select(g => Invariant($"{g.Queue} +{g.Added}"))) + " (inspect them with ./mosaic bus dlq list)");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
