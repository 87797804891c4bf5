using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Mosaic.Platform.Messaging.Storage;

namespace Mosaic.Payments.Data.Migrations;

/// <summary>The payments table, and the outbox and inbox. Column types are left to the provider, so the same migration runs on PostgreSQL.</summary>
[DbContext(typeof(PaymentsDbContext))]
[Migration("2026112201_InitialPayments")]
public sealed partial class InitialPayments : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Payments",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                OrderId = table.Column<Guid>(nullable: false),
                AmountCents = table.Column<long>(nullable: false),
                Status = table.Column<string>(maxLength: 20, nullable: false),
                ChargeId = table.Column<string>(maxLength: 40, nullable: true),
                DeclineCode = table.Column<string>(maxLength: 50, nullable: true),
                CreatedAt = table.Column<long>(nullable: false),
                UpdatedAt = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_Payments", p => p.Id));
        migrationBuilder.CreateIndex(name: "IX_Payments_OrderId", table: "Payments", column: "OrderId", unique: true);

        MessagingMigration.CreateTables(migrationBuilder);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        MessagingMigration.DropTables(migrationBuilder);
        migrationBuilder.DropTable(name: "Payments");
    }
}
