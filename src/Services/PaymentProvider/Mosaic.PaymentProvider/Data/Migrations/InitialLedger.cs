using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Mosaic.PaymentProvider.Data.Migrations;

/// <summary>The ledger of charges. Column types are left to the provider, so the same migration runs on PostgreSQL.</summary>
[DbContext(typeof(LedgerDbContext))]
[Migration("2026112201_InitialLedger")]
public sealed partial class InitialLedger : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Charges",
            columns: table => new
            {
                Id = table.Column<string>(maxLength: 40, nullable: false),
                IdempotencyKey = table.Column<string>(maxLength: 200, nullable: false),
                RequestFingerprint = table.Column<string>(maxLength: 64, nullable: false),
                AmountCents = table.Column<long>(nullable: false),
                Currency = table.Column<string>(maxLength: 3, nullable: false),
                Reference = table.Column<string>(maxLength: 200, nullable: true),
                Status = table.Column<string>(maxLength: 20, nullable: false),
                DeclineCode = table.Column<string>(maxLength: 50, nullable: true),
                CreatedAt = table.Column<long>(nullable: false),
                RefundedAt = table.Column<long>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_Charges", c => c.Id));

        migrationBuilder.CreateIndex(name: "IX_Charges_IdempotencyKey", table: "Charges", column: "IdempotencyKey", unique: true);
        migrationBuilder.CreateIndex(name: "IX_Charges_Reference", table: "Charges", column: "Reference");
        migrationBuilder.CreateIndex(name: "IX_Charges_CreatedAt", table: "Charges", column: "CreatedAt");
    }

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropTable(name: "Charges");
}
