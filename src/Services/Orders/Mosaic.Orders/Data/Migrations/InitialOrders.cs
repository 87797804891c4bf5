using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Mosaic.Platform.Messaging.Storage;

namespace Mosaic.Orders.Data.Migrations;

/// <summary>
/// Orders with their lines and status history, the customers' idempotency keys, and the messaging
/// outbox and inbox. Column types are left to the provider (no SQLite-only types), and times are
/// unix milliseconds, so the same migration runs on PostgreSQL and time comparisons are numeric.
/// </summary>
[DbContext(typeof(OrdersDbContext))]
[Migration("2026112201_InitialOrders")]
public sealed partial class InitialOrders : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Orders",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                CustomerId = table.Column<Guid>(nullable: false),
                Status = table.Column<string>(maxLength: 20, nullable: false),
                Reason = table.Column<string>(maxLength: 40, nullable: true),
                PaymentToken = table.Column<string>(maxLength: 100, nullable: true),
                TotalCents = table.Column<long>(nullable: false),
                CreatedAt = table.Column<long>(nullable: false),
                UpdatedAt = table.Column<long>(nullable: false),
                PaymentDueAt = table.Column<long>(nullable: true),
                Version = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Orders", o => o.Id);
                table.CheckConstraint("CK_Orders_TotalCents", "\"TotalCents\" > 0");
            });
        migrationBuilder.CreateIndex(name: "IX_Orders_CustomerId_CreatedAt", table: "Orders", columns: ["CustomerId", "CreatedAt"]);
        migrationBuilder.CreateIndex(name: "IX_Orders_Status_PaymentDueAt", table: "Orders", columns: ["Status", "PaymentDueAt"]);

        migrationBuilder.CreateTable(
            name: "OrderItems",
            columns: table => new
            {
                OrderId = table.Column<Guid>(nullable: false),
                ProductId = table.Column<Guid>(nullable: false),
                Quantity = table.Column<int>(nullable: false),
                UnitPriceCents = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_OrderItems", i => new { i.OrderId, i.ProductId });
                table.ForeignKey("FK_OrderItems_Orders_OrderId", i => i.OrderId, "Orders", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "OrderHistory",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                OrderId = table.Column<Guid>(nullable: false),
                Sequence = table.Column<int>(nullable: false),
                Status = table.Column<string>(maxLength: 20, nullable: false),
                Reason = table.Column<string>(maxLength: 40, nullable: true),
                At = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_OrderHistory", h => h.Id);
                table.ForeignKey("FK_OrderHistory_Orders_OrderId", h => h.OrderId, "Orders", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "IX_OrderHistory_OrderId_Sequence", table: "OrderHistory", columns: ["OrderId", "Sequence"]);

        migrationBuilder.CreateTable(
            name: "IdempotencyKeys",
            columns: table => new
            {
                CustomerId = table.Column<Guid>(nullable: false),
                Key = table.Column<string>(maxLength: 100, nullable: false),
                RequestFingerprint = table.Column<string>(maxLength: 64, nullable: false),
                OrderId = table.Column<Guid>(nullable: false),
                CreatedAt = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_IdempotencyKeys", r => new { r.CustomerId, r.Key }));

        MessagingMigration.CreateTables(migrationBuilder);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        MessagingMigration.DropTables(migrationBuilder);
        migrationBuilder.DropTable(name: "IdempotencyKeys");
        migrationBuilder.DropTable(name: "OrderHistory");
        migrationBuilder.DropTable(name: "OrderItems");
        migrationBuilder.DropTable(name: "Orders");
    }
}
