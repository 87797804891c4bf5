using Microsoft.EntityFrameworkCore;
using Mosaic.Platform.Messaging.Storage;

namespace Mosaic.Payments.Data.Migrations;

/// <summary>The model as this migration leaves it (no store types named, so it fits every provider).</summary>
public sealed partial class InitialPayments
{
    protected override void BuildTargetModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity("Mosaic.Payments.Domain.Payment", payment =>
        {
            payment.Property<Guid>("Id").ValueGeneratedNever();
            payment.Property<Guid>("OrderId");
            payment.Property<long>("AmountCents");
            payment.Property<string>("Status").IsRequired().HasMaxLength(20);
            payment.Property<string>("ChargeId").HasMaxLength(40);
            payment.Property<string>("DeclineCode").HasMaxLength(50);
            payment.Property<long>("CreatedAt");
            payment.Property<long>("UpdatedAt");
            payment.HasKey("Id");
            payment.HasIndex("OrderId").IsUnique().HasDatabaseName("IX_Payments_OrderId");
            payment.ToTable("Payments");
        });
        MessagingModel.Map(modelBuilder);
    }
}
