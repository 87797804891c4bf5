using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Mosaic.PaymentProvider.Contracts;
using Mosaic.PaymentProvider.Domain;

namespace Mosaic.PaymentProvider.Data;

public sealed class LedgerDbContext(DbContextOptions<LedgerDbContext> options) : DbContext(options)
{
    private static readonly ValueConverter<DateTimeOffset, long> UnixMilliseconds =
        new(time => time.ToUnixTimeMilliseconds(), ms => DateTimeOffset.FromUnixTimeMilliseconds(ms));

    public DbSet<Charge> Charges => Set<Charge>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var charge = modelBuilder.Entity<Charge>();
        charge.ToTable("Charges");
        charge.HasKey(c => c.Id);
        charge.Property(c => c.Id).HasMaxLength(Charge.IdMaxLength).ValueGeneratedNever();
        charge.Property(c => c.IdempotencyKey).HasMaxLength(ChargeLimits.IdempotencyKeyMaxLength).IsRequired();
        charge.Property(c => c.RequestFingerprint).HasMaxLength(Charge.FingerprintLength).IsRequired();
        charge.Property(c => c.Currency).HasMaxLength(3).IsRequired();
        charge.Property(c => c.Reference).HasMaxLength(ChargeLimits.ReferenceMaxLength);
        charge.Property(c => c.Status).HasConversion<string>().HasMaxLength(20).IsRequired();
        charge.Property(c => c.DeclineCode).HasMaxLength(Charge.DeclineCodeMaxLength);
        // Times as Unix milliseconds: they sort and compare the same way on every database.
        charge.Property(c => c.CreatedAt).HasConversion(UnixMilliseconds);
        charge.Property(c => c.RefundedAt).HasConversion(UnixMilliseconds);
        // One key is one charge, however many requests race with it: the loser's insert fails here.
        charge.HasIndex(c => c.IdempotencyKey).IsUnique().HasDatabaseName("IX_Charges_IdempotencyKey");
        charge.HasIndex(c => c.Reference).HasDatabaseName("IX_Charges_Reference");
        charge.HasIndex(c => c.CreatedAt).HasDatabaseName("IX_Charges_CreatedAt");
    }
}
