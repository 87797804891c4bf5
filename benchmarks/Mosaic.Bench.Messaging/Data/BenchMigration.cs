using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Mosaic.Platform.Messaging.Storage;

namespace Mosaic.Bench.Messaging.Data;

[DbContext(typeof(BenchDbContext))]
[Migration("2026112201_Bench")]
public sealed class BenchMigration : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Effects",
            columns: table => new
            {
                MessageId = table.Column<Guid>(nullable: false),
                Run = table.Column<string>(maxLength: 100, nullable: false),
                Seq = table.Column<long>(nullable: false),
                HandledAt = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_Effects", e => e.MessageId));
        MessagingMigration.CreateTables(migrationBuilder);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        MessagingMigration.DropTables(migrationBuilder);
        migrationBuilder.DropTable("Effects");
    }

    protected override void BuildTargetModel(ModelBuilder modelBuilder) => BenchDbContext.Describe(modelBuilder);
}
