using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Mosaic.Payments.Domain;
using Mosaic.Platform.Messaging.Storage;

namespace Mosaic.Payments.Data;

public sealed class PaymentsDbContext(DbContextOptions<PaymentsDbContext> options) : DbContext(options)
{
    private static readonly ValueConverter<DateTimeOffset, long> UnixMilliseconds =
        new(time => time.ToUnixTimeMilliseconds(), ms => DateTimeOffset.FromUnixTimeMilliseconds(ms));

    public DbSet<Payment> Payments => Set<Payment>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var payment = modelBuilder.Entity<Payment>();
        payment.ToTable("Payments");
        payment.HasKey(p => p.Id);
        payment.Property(p => p.Id).ValueGeneratedNever();
        payment.Property(p => p.Status).HasConversion<string>().HasMaxLength(20).IsRequired();
        payment.Property(p => p.ChargeId).HasMaxLength(Payment.ChargeIdMaxLength);
        payment.Property(p => p.DeclineCode).HasMaxLength(Payment.DeclineCodeMaxLength);
        // Times as Unix milliseconds: they sort and compare the same way on every database.
        payment.Property(p => p.CreatedAt).HasConversion(UnixMilliseconds);
        payment.Property(p => p.UpdatedAt).HasConversion(UnixMilliseconds);
        // One payment per order: of two handlers racing for an order (a charge and a cancellation),
        // the second insert fails and the platform runs that handler again on what the first wrote.
        payment.HasIndex(p => p.OrderId).IsUnique().HasDatabaseName("IX_Payments_OrderId");

        MessagingModel.Map(modelBuilder);
    }
}
