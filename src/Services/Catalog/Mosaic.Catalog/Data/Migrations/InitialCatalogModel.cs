using Microsoft.EntityFrameworkCore;

namespace Mosaic.Catalog.Data.Migrations;

/// <summary>
/// The model as this migration leaves it. EF needs it to turn the seed rows into INSERTs with the
/// provider's own literals (a Guid is TEXT on SQLite, uuid on PostgreSQL), so no store types are named here.
/// </summary>
public sealed partial class InitialCatalog
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
    }
}
