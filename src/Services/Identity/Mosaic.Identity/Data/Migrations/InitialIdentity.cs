using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Mosaic.Identity.Data.Migrations;

/// <summary>
/// The users table. Column types are left to the provider (no SQLite-only types), so the same
/// migration runs on PostgreSQL.
/// </summary>
[DbContext(typeof(IdentityDbContext))]
[Migration("2026112101_InitialIdentity")]
public sealed class InitialIdentity : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Users",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Email = table.Column<string>(maxLength: 254, nullable: false),
                DisplayName = table.Column<string>(maxLength: 100, nullable: false),
                PasswordHash = table.Column<string>(maxLength: 256, nullable: false),
                Role = table.Column<string>(maxLength: 20, nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Users", u => u.Id);
                table.CheckConstraint("CK_Users_Role", "\"Role\" IN ('admin', 'customer')");
            });

        migrationBuilder.CreateIndex(name: "IX_Users_Email", table: "Users", column: "Email", unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropTable(name: "Users");
}
