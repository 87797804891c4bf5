using Microsoft.EntityFrameworkCore;
using Mosaic.PaymentProvider.Domain;

namespace Mosaic.PaymentProvider.Data;

/// <summary>
/// The ledger's lookups made for every charge, compiled once: a LINQ query written inline is looked up
/// in EF Core's query cache on each run (benchmarks/README.md).
/// </summary>
internal static class ChargeQueries
{
    public static readonly Func<LedgerDbContext, string, CancellationToken, Task<Charge?>> ById =
        EF.CompileAsyncQuery((LedgerDbContext db, string id, CancellationToken _) =>
            db.Charges.AsNoTracking().FirstOrDefault(c => c.Id == id));

    public static readonly Func<LedgerDbContext, string, CancellationToken, Task<Charge?>> ByIdempotencyKey =
        EF.CompileAsyncQuery((LedgerDbContext db, string key, CancellationToken _) =>
            db.Charges.AsNoTracking().FirstOrDefault(c => c.IdempotencyKey == key));
}
