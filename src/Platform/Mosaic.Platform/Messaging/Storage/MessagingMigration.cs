using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Mosaic.Platform.Messaging.Storage;

/// <summary>Creates the outbox and inbox tables inside a service's own hand-written migration.</summary>
public static class MessagingMigration
{
    public static void CreateTables(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: MessagingModel.OutboxTable,
            columns: table => new
            {
                // Each provider reads its own annotation: never reusing a number keeps the shipping order by commit on SQLite and by insert on PostgreSQL.
                Sequence = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                MessageId = table.Column<Guid>(nullable: false),
                RoutingKey = table.Column<string>(maxLength: MessagingModel.RoutingKeyMaxLength, nullable: false),
                Envelope = table.Column<string>(nullable: false),
                CreatedAt = table.Column<long>(nullable: false),
                LeaseOwner = table.Column<string>(maxLength: MessagingModel.LeaseOwnerMaxLength, nullable: true),
                LeaseUntil = table.Column<long>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_MosaicOutbox", m => m.Sequence));
        migrationBuilder.CreateIndex(name: "IX_MosaicOutbox_MessageId", table: MessagingModel.OutboxTable, column: "MessageId", unique: true);

        migrationBuilder.CreateTable(
            name: MessagingModel.InboxTable,
            columns: table => new
            {
                MessageId = table.Column<Guid>(nullable: false),
                RoutingKey = table.Column<string>(maxLength: MessagingModel.RoutingKeyMaxLength, nullable: false),
                HandledAt = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_MosaicInbox", m => m.MessageId));
        migrationBuilder.CreateIndex(name: "IX_MosaicInbox_HandledAt", table: MessagingModel.InboxTable, column: "HandledAt");
    }

    public static void DropTables(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(MessagingModel.InboxTable);
        migrationBuilder.DropTable(MessagingModel.OutboxTable);
    }
}
