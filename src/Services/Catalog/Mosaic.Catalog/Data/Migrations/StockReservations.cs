using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Mosaic.Platform.Messaging.Storage;

namespace Mosaic.Catalog.Data.Migrations;

/// <summary>
/// Reservations per order line, the orders catalog has acted on (with the tombstones of orders
/// cancelled before they were reserved), and the messaging outbox and inbox.
/// </summary>
[DbContext(typeof(CatalogDbContext))]
[Migration("2026112201_StockReservations")]
public sealed partial class StockReservations : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Reservations",
            columns: table => new
            {
                OrderId = table.Column<Guid>(nullable: false),
                ProductId = table.Column<Guid>(nullable: false),
                Quantity = table.Column<int>(nullable: false),
                Status = table.Column<string>(maxLength: 16, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Reservations", r => new { r.OrderId, r.ProductId });
                table.CheckConstraint("CK_Reservations_Quantity", "\"Quantity\" > 0");
            });

        migrationBuilder.CreateTable(
            name: "KnownOrders",
            columns: table => new
            {
                OrderId = table.Column<Guid>(nullable: false),
                Tombstone = table.Column<bool>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_KnownOrders", o => o.OrderId));

        MessagingMigration.CreateTables(migrationBuilder);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        MessagingMigration.DropTables(migrationBuilder);
        migrationBuilder.DropTable(name: "KnownOrders");
        migrationBuilder.DropTable(name: "Reservations");
    }
}
