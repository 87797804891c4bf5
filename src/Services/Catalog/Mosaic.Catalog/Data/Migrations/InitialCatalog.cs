using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Mosaic.Catalog.Data.Migrations;

/// <summary>
/// The products table and the shop's starting assortment. Column types are left to the provider
/// (no SQLite-only types), so the same migration runs on PostgreSQL.
/// </summary>
[DbContext(typeof(CatalogDbContext))]
[Migration("2026112101_InitialCatalog")]
public sealed partial class InitialCatalog : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Products",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Name = table.Column<string>(maxLength: 200, nullable: false),
                Category = table.Column<string>(maxLength: 50, nullable: false),
                Description = table.Column<string>(maxLength: 2000, nullable: false),
                SearchText = table.Column<string>(maxLength: 2201, nullable: false),
                PriceCents = table.Column<long>(nullable: false),
                Stock = table.Column<int>(nullable: false),
                Reserved = table.Column<int>(nullable: false),
                Version = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Products", p => p.Id);
                table.CheckConstraint("CK_Products_PriceCents", "\"PriceCents\" > 0");
                table.CheckConstraint("CK_Products_Stock", "\"Stock\" >= 0");
                table.CheckConstraint("CK_Products_Reserved", "\"Reserved\" >= 0 AND \"Reserved\" <= \"Stock\"");
            });

        migrationBuilder.CreateIndex(name: "IX_Products_Category", table: "Products", column: "Category");
        migrationBuilder.CreateIndex(name: "IX_Products_Name", table: "Products", column: "Name");

        foreach (var (id, name, category, description, priceCents, stock) in Seed)
        {
            migrationBuilder.InsertData(
                table: "Products",
                columns: ["Id", "Name", "Category", "Description", "SearchText", "PriceCents", "Stock", "Reserved", "Version"],
                values: [id, name, category, description, $"{name}\n{description}".ToLowerInvariant(), priceCents, stock, 0, 1]);
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropTable(name: "Products");
}
