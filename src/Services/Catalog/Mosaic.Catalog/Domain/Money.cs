namespace Mosaic.Catalog.Domain;

/// <summary>
/// Prices are stored as whole cents: integers sort, sum and compare exactly on every database,
/// where a decimal column would be text on SQLite and numeric on PostgreSQL.
/// </summary>
public static class Money
{
    public const long MaxCents = 100_000_000;

    public static long ToCents(decimal amount)
    {
        if (decimal.Round(amount, 2) != amount)
            throw new CatalogRuleException($"A price has at most two decimal places; {amount} has more.");
        if (amount <= 0 || amount > FromCents(MaxCents))
            throw new CatalogRuleException($"A price must be more than 0 and at most {FromCents(MaxCents)}; {amount} is not.");
        return (long)(amount * 100);
    }

    public static decimal FromCents(long cents) => cents / 100m;
}
