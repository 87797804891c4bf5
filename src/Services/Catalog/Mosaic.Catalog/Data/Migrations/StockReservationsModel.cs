using Microsoft.EntityFrameworkCore;
using Mosaic.Platform.Messaging.Storage;

namespace Mosaic.Catalog.Data.Migrations;

/// <summary>The whole model as this migration leaves it; no store types are named, as in <see cref="InitialCatalog"/>.</summary>
public sealed partial class StockReservations
{
    protected override void BuildTargetModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity("Mosaic.Catalog.Domain.Product", product =>
        {
            product.Property<Guid>("Id").ValueGeneratedNever();
            product.Property<string>("Name").IsRequired().HasMaxLength(200);
            product.Property<string>("Category").IsRequired().HasMaxLength(50);
            product.Property<string>("Description").IsRequired().HasMaxLength(2000);
            product.Property<string>("SearchText").IsRequired().HasMaxLength(2201);
            product.Property<long>("PriceCents");
            product.Property<int>("Stock");
            product.Property<int>("Reserved");
            product.Property<int>("Version").IsConcurrencyToken();
            product.HasKey("Id");
            product.HasIndex("Category").HasDatabaseName("IX_Products_Category");
            product.HasIndex("Name").HasDatabaseName("IX_Products_Name");
            product.ToTable("Products", table =>
            {
                table.HasCheckConstraint("CK_Products_PriceCents", "\"PriceCents\" > 0");
                table.HasCheckConstraint("CK_Products_Stock", "\"Stock\" >= 0");
                table.HasCheckConstraint("CK_Products_Reserved", "\"Reserved\" >= 0 AND \"Reserved\" <= \"Stock\"");
            });
        });

        modelBuilder.Entity("Mosaic.Catalog.Domain.Reservation", reservation =>
        {
            reservation.Property<Guid>("OrderId");
            reservation.Property<Guid>("ProductId");
            reservation.Property<int>("Quantity");
            reservation.Property<string>("Status").IsRequired().HasMaxLength(16);
            reservation.HasKey("OrderId", "ProductId");
            reservation.ToTable("Reservations", table => table.HasCheckConstraint("CK_Reservations_Quantity", "\"Quantity\" > 0"));
        });

        modelBuilder.Entity("Mosaic.Catalog.Domain.KnownOrder", order =>
        {
            order.Property<Guid>("OrderId").ValueGeneratedNever();
            order.Property<bool>("Tombstone");
            order.HasKey("OrderId");
            order.ToTable("KnownOrders");
        });

        MessagingModel.Map(modelBuilder);
    }
}
