using Microsoft.EntityFrameworkCore;

namespace Mosaic.PaymentProvider.Data.Migrations;

/// <summary>The model as this migration leaves it (no store types named, so it fits every provider).</summary>
public sealed partial class InitialLedger
{
    protected override void BuildTargetModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity("Mosaic.PaymentProvider.Domain.Charge", charge =>
        {
            charge.Property<string>("Id").HasMaxLength(40).ValueGeneratedNever();
            charge.Property<string>("IdempotencyKey").IsRequired().HasMaxLength(200);
            charge.Property<string>("RequestFingerprint").IsRequired().HasMaxLength(64);
            charge.Property<long>("AmountCents");
            charge.Property<string>("Currency").IsRequired().HasMaxLength(3);
            charge.Property<string>("Reference").HasMaxLength(200);
            charge.Property<string>("Status").IsRequired().HasMaxLength(20);
            charge.Property<string>("DeclineCode").HasMaxLength(50);
            charge.Property<long>("CreatedAt");
            charge.Property<long?>("RefundedAt");
            charge.HasKey("Id");
            charge.HasIndex("IdempotencyKey").IsUnique().HasDatabaseName("IX_Charges_IdempotencyKey");
            charge.HasIndex("Reference").HasDatabaseName("IX_Charges_Reference");
            charge.HasIndex("CreatedAt").HasDatabaseName("IX_Charges_CreatedAt");
            charge.ToTable("Charges");
        });
    }
}
