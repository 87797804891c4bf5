using Microsoft.EntityFrameworkCore;
using Mosaic.Payments.Domain;

namespace Mosaic.Payments.Data;

/// <summary>
/// The payment lookup every payment request and cancellation makes, compiled once: a LINQ query written
/// inline is looked up in EF Core's query cache on each run (benchmarks/README.md).
/// </summary>
internal static class PaymentQueries
{
    /// <summary>An order's payment, tracked for change.</summary>
    public static readonly Func<PaymentsDbContext, Guid, CancellationToken, Task<Payment?>> ForOrder =
        EF.CompileAsyncQuery((PaymentsDbContext db, Guid orderId, CancellationToken _) =>
            db.Payments.FirstOrDefault(p => p.OrderId == orderId));
}
