using Microsoft.EntityFrameworkCore;

namespace Mosaic.Platform.Messaging.Storage;

/// <summary>
/// The outbox and inbox tables every messaging service keeps in its own database. Call
/// <see cref="Map"/> from the DbContext's <c>OnModelCreating</c> and from the migration's target
/// model, and <see cref="MessagingMigration.CreateTables"/> from the migration itself. Every column is
/// named here: a migration's target model does not discover properties by convention.
/// </summary>
public static class MessagingModel
{
    public const string OutboxTable = "MosaicOutbox";
    public const string InboxTable = "MosaicInbox";
    public const int RoutingKeyMaxLength = 200;
    public const int LeaseOwnerMaxLength = 100;

    public static ModelBuilder Map(ModelBuilder modelBuilder)
    {
        var outbox = modelBuilder.Entity<OutboxMessage>();
        outbox.ToTable(OutboxTable);
        outbox.HasKey(m => m.Sequence);
        outbox.Property(m => m.Sequence).ValueGeneratedOnAdd().HasAnnotation("Sqlite:Autoincrement", true).UseIdentityByDefaultColumn();
        outbox.Property(m => m.RoutingKey).HasMaxLength(RoutingKeyMaxLength).IsRequired();
        outbox.Property(m => m.Envelope).IsRequired();
        outbox.Property(m => m.MessageId);
        outbox.Property(m => m.CreatedAt);
        outbox.Property(m => m.LeaseOwner).HasMaxLength(LeaseOwnerMaxLength);
        outbox.Property(m => m.LeaseUntil);
        outbox.HasIndex(m => m.MessageId).IsUnique().HasDatabaseName("IX_MosaicOutbox_MessageId");

        var inbox = modelBuilder.Entity<InboxMessage>();
        inbox.ToTable(InboxTable);
        inbox.HasKey(m => m.MessageId);
        inbox.Property(m => m.MessageId).ValueGeneratedNever();
        inbox.Property(m => m.RoutingKey).HasMaxLength(RoutingKeyMaxLength).IsRequired();
        inbox.Property(m => m.HandledAt);
        inbox.HasIndex(m => m.HandledAt).HasDatabaseName("IX_MosaicInbox_HandledAt");
        return modelBuilder;
    }
}
