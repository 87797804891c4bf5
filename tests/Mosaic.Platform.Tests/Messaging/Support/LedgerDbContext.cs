using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Mosaic.Platform.Messaging.Storage;

namespace Mosaic.Platform.Tests.Messaging.Support;

/// <summary>One row per effect a handler had, so a test can count how many times a message took effect.</summary>
public sealed class Effect
{
    public Guid Id { get; set; }
    public Guid MessageId { get; set; }
    public Guid AccountId { get; set; }
    public long AmountCents { get; set; }
    public string Currency { get; set; } = "";
}

public sealed class LedgerDbContext(DbContextOptions<LedgerDbContext> options) : DbContext(options)
{
    public DbSet<Effect> Effects => Set<Effect>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) => Describe(modelBuilder);

    internal static void Describe(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Effect>().ToTable("Effects").HasKey(e => e.Id);
        MessagingModel.Map(modelBuilder);
    }
}

[DbContext(typeof(LedgerDbContext))]
[Migration("2026112201_Ledger")]
public sealed class LedgerMigration : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Effects",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                MessageId = table.Column<Guid>(nullable: false),
                AccountId = table.Column<Guid>(nullable: false),
                AmountCents = table.Column<long>(nullable: false),
                Currency = table.Column<string>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_Effects", e => e.Id));
        MessagingMigration.CreateTables(migrationBuilder);
    }

    protected override void BuildTargetModel(ModelBuilder modelBuilder) => LedgerDbContext.Describe(modelBuilder);
}
