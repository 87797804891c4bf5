using Microsoft.EntityFrameworkCore;
using Mosaic.Platform.Messaging.Storage;

namespace Mosaic.Orders.Data.Migrations;

/// <summary>The model as this migration leaves it, with no store types named, so it holds for every provider.</summary>
public sealed partial class InitialOrders
{
    protected override void BuildTargetModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity("Mosaic.Orders.Domain.Order", order =>
        {
            order.Property<Guid>("Id").ValueGeneratedNever();
            order.Property<Guid>("CustomerId");
            order.Property<string>("Status").IsRequired().HasMaxLength(20);
            order.Property<string>("Reason").HasMaxLength(40);
            order.Property<string>("PaymentToken").HasMaxLength(100);
            order.Property<long>("TotalCents");
            order.Property<long>("CreatedAt");
            order.Property<long>("UpdatedAt");
            order.Property<long?>("PaymentDueAt");
            order.Property<int>("Version").IsConcurrencyToken();
            order.HasKey("Id");
            order.HasIndex("CustomerId", "CreatedAt").HasDatabaseName("IX_Orders_CustomerId_CreatedAt");
            order.HasIndex("Status", "PaymentDueAt").HasDatabaseName("IX_Orders_Status_PaymentDueAt");
            order.ToTable("Orders", table => table.HasCheckConstraint("CK_Orders_TotalCents", "\"TotalCents\" > 0"));
        });

        modelBuilder.Entity("Mosaic.Orders.Domain.OrderItem", item =>
        {
            item.Property<Guid>("OrderId");
            item.Property<Guid>("ProductId");
            item.Property<int>("Quantity");
            item.Property<long>("UnitPriceCents");
            item.HasKey("OrderId", "ProductId");
            item.ToTable("OrderItems");
            item.HasOne("Mosaic.Orders.Domain.Order", null).WithMany("Items").HasForeignKey("OrderId").OnDelete(DeleteBehavior.Cascade).IsRequired();
        });

        modelBuilder.Entity("Mosaic.Orders.Domain.OrderHistoryEntry", entry =>
        {
            entry.Property<Guid>("Id").ValueGeneratedNever();
            entry.Property<Guid>("OrderId");
            entry.Property<int>("Sequence");
            entry.Property<string>("Status").IsRequired().HasMaxLength(20);
            entry.Property<string>("Reason").HasMaxLength(40);
            entry.Property<long>("At");
            entry.HasKey("Id");
            entry.HasIndex("OrderId", "Sequence").HasDatabaseName("IX_OrderHistory_OrderId_Sequence");
            entry.ToTable("OrderHistory");
            entry.HasOne("Mosaic.Orders.Domain.Order", null).WithMany("History").HasForeignKey("OrderId").OnDelete(DeleteBehavior.Cascade).IsRequired();
        });

        modelBuilder.Entity("Mosaic.Orders.Idempotency.IdempotencyRecord", record =>
        {
            record.Property<Guid>("CustomerId");
            record.Property<string>("Key").HasMaxLength(100);
            record.Property<string>("RequestFingerprint").IsRequired().HasMaxLength(64);
            record.Property<Guid>("OrderId");
            record.Property<long>("CreatedAt");
            record.HasKey("CustomerId", "Key");
            record.ToTable("IdempotencyKeys");
        });

        MessagingModel.Map(modelBuilder);
    }
}
