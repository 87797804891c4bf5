using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Mosaic.Bench.Messaging.Consumer;
using Mosaic.Platform.Messaging.Storage;

namespace Mosaic.Bench.Messaging.Data;

/// <summary>
/// Both roles' database (each its own): the outbox and inbox, and the consumer's effects. The platform
/// saves the consumer's context once after the handler; the save is overridden so the handled time is
/// taken when that save is committed (see <see cref="HandledCommits"/>), the moment the platform's own
/// publish-to-handle metric uses.
/// </summary>
/// <remarks>The platform pools DbContexts, so this one takes only its options and forgets <see cref="Handling"/> when it goes back to the pool.</remarks>
public sealed class BenchDbContext(DbContextOptions<BenchDbContext> options) : DbContext(options)
{
    public DbSet<Effect> Effects => Set<Effect>();

    /// <summary>Set by the handler: the event whose effect this unit of work commits.</summary>
    internal HandledEvent? Handling { get; set; }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        if (Handling is { } handling)
        {
            this.GetService<HandledCommits>().Saved(handling, Database.CurrentTransaction?.GetDbTransaction());
            Handling = null;
        }
        return saved;
    }

    public override void Dispose()
    {
        Handling = null;
        base.Dispose();
    }

    public override ValueTask DisposeAsync()
    {
        Handling = null;
        return base.DisposeAsync();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder) => Describe(modelBuilder);

    internal static void Describe(ModelBuilder modelBuilder)
    {
        var effect = modelBuilder.Entity<Effect>();
        effect.ToTable("Effects");
        effect.HasKey(e => e.MessageId);
        effect.Property(e => e.MessageId).ValueGeneratedNever();
        effect.Property(e => e.Run).HasMaxLength(100).IsRequired();
        MessagingModel.Map(modelBuilder);
    }
}
