using Microsoft.EntityFrameworkCore;
using Mosaic.Orders.Domain;
using Mosaic.Orders.Idempotency;
using Mosaic.Platform.Messaging.Storage;

namespace Mosaic.Orders.Data;

public sealed class OrdersDbContext(DbContextOptions<OrdersDbContext> options) : DbContext(options)
{
    public DbSet<Order> Orders => Set<Order>();

    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var order = modelBuilder.Entity<Order>();
        order.ToTable("Orders", table => table.HasCheckConstraint("CK_Orders_TotalCents", "\"TotalCents\" > 0"));
        order.HasKey(o => o.Id);
        order.Property(o => o.Id).ValueGeneratedNever();
        order.Property(o => o.Status).HasConversion<string>().HasMaxLength(Order.StatusMaxLength).IsRequired();
        order.Property(o => o.Reason).HasMaxLength(Order.ReasonMaxLength);
        order.Property(o => o.PaymentToken).HasMaxLength(Order.PaymentTokenMaxLength);
        // Compared on every UPDATE: a handler and the timeout sweeper (on any instance) that read the
        // same version cannot both move the order; the loser re-reads and finds nothing left to do.
        order.Property(o => o.Version).IsConcurrencyToken();
        order.Ignore(o => o.Lines);
        order.Ignore(o => o.IsFinal);
        order.HasMany(o => o.Items).WithOne().HasForeignKey(i => i.OrderId).OnDelete(DeleteBehavior.Cascade);
        order.HasMany(o => o.History).WithOne().HasForeignKey(h => h.OrderId).OnDelete(DeleteBehavior.Cascade);
        order.Navigation(o => o.Items).UsePropertyAccessMode(PropertyAccessMode.Field);
        order.Navigation(o => o.History).UsePropertyAccessMode(PropertyAccessMode.Field);
        order.HasIndex(o => new { o.CustomerId, o.CreatedAt }).HasDatabaseName("IX_Orders_CustomerId_CreatedAt");
        order.HasIndex(o => new { o.Status, o.PaymentDueAt }).HasDatabaseName("IX_Orders_Status_PaymentDueAt");

        var item = modelBuilder.Entity<OrderItem>();
        item.ToTable("OrderItems");
        item.HasKey(i => new { i.OrderId, i.ProductId });
        item.Ignore(i => i.LineTotalCents);

        var entry = modelBuilder.Entity<OrderHistoryEntry>();
        entry.ToTable("OrderHistory");
        entry.HasKey(h => h.Id);
        entry.Property(h => h.Id).ValueGeneratedNever();
        entry.HasIndex(h => new { h.OrderId, h.Sequence }).HasDatabaseName("IX_OrderHistory_OrderId_Sequence");
        entry.Property(h => h.Status).HasConversion<string>().HasMaxLength(Order.StatusMaxLength).IsRequired();
        entry.Property(h => h.Reason).HasMaxLength(Order.ReasonMaxLength);

        var idempotency = modelBuilder.Entity<IdempotencyRecord>();
        idempotency.ToTable("IdempotencyKeys");
        // The key is the customer's own: two customers may pick the same one. Unique, so two requests
        // racing with one key cannot both create an order.
        idempotency.HasKey(r => new { r.CustomerId, r.Key });
        idempotency.Property(r => r.Key).HasMaxLength(IdempotencyRecord.KeyMaxLength);
        idempotency.Property(r => r.RequestFingerprint).HasMaxLength(IdempotencyRecord.FingerprintLength).IsRequired();

        MessagingModel.Map(modelBuilder);
    }
}
