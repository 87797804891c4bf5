using Microsoft.EntityFrameworkCore;
using Mosaic.Catalog.Domain;
using Mosaic.Platform.Messaging.Storage;

namespace Mosaic.Catalog.Data;

public sealed class CatalogDbContext(DbContextOptions<CatalogDbContext> options) : DbContext(options)
{
    public const int StatusMaxLength = 16;

    public DbSet<Product> Products => Set<Product>();

    public DbSet<Reservation> Reservations => Set<Reservation>();

    public DbSet<KnownOrder> KnownOrders => Set<KnownOrder>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var product = modelBuilder.Entity<Product>();
        product.ToTable("Products", table =>
        {
            table.HasCheckConstraint("CK_Products_PriceCents", "\"PriceCents\" > 0");
            table.HasCheckConstraint("CK_Products_Stock", "\"Stock\" >= 0");
            table.HasCheckConstraint("CK_Products_Reserved", "\"Reserved\" >= 0 AND \"Reserved\" <= \"Stock\"");
        });
        product.HasKey(p => p.Id);
        product.Property(p => p.Id).ValueGeneratedNever();
        product.Property(p => p.Name).HasMaxLength(Product.NameMaxLength).IsRequired();
        product.Property(p => p.Category).HasMaxLength(Product.CategoryMaxLength).IsRequired();
        product.Property(p => p.Description).HasMaxLength(Product.DescriptionMaxLength).IsRequired();
        product.Property(p => p.SearchText).HasMaxLength(Product.NameMaxLength + 1 + Product.DescriptionMaxLength).IsRequired();
        // The row's version is compared on every UPDATE, so a writer working from a stale read fails instead of overwriting.
        product.Property(p => p.Version).IsConcurrencyToken();
        product.Ignore(p => p.Available);
        product.Ignore(p => p.Price);
        product.HasIndex(p => p.Category).HasDatabaseName("IX_Products_Category");
        product.HasIndex(p => p.Name).HasDatabaseName("IX_Products_Name");

        var reservation = modelBuilder.Entity<Reservation>();
        reservation.ToTable("Reservations", table => table.HasCheckConstraint("CK_Reservations_Quantity", "\"Quantity\" > 0"));
        // One line per product and order: the order's lines are summed before they are reserved.
        reservation.HasKey(r => new { r.OrderId, r.ProductId });
        reservation.Property(r => r.Status).HasConversion<string>().HasMaxLength(StatusMaxLength).IsRequired();

        var order = modelBuilder.Entity<KnownOrder>();
        order.ToTable("KnownOrders");
        order.HasKey(o => o.OrderId);
        order.Property(o => o.OrderId).ValueGeneratedNever();

        MessagingModel.Map(modelBuilder);
    }
}
