using Microsoft.EntityFrameworkCore;
using Mosaic.Identity.Domain;

namespace Mosaic.Identity.Data;

public sealed class IdentityDbContext(DbContextOptions<IdentityDbContext> options) : DbContext(options)
{
    public DbSet<User> Users => Set<User>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var user = modelBuilder.Entity<User>();
        user.ToTable("Users", table => table.HasCheckConstraint("CK_Users_Role", "\"Role\" IN ('admin', 'customer')"));
        user.HasKey(u => u.Id);
        user.Property(u => u.Id).ValueGeneratedNever();
        user.Property(u => u.Email).HasMaxLength(EmailAddress.MaxLength).IsRequired();
        user.Property(u => u.DisplayName).HasMaxLength(DisplayName.MaxLength).IsRequired();
        user.Property(u => u.PasswordHash).HasMaxLength(User.PasswordHashMaxLength).IsRequired();
        user.Property(u => u.Role).HasMaxLength(20).IsRequired();
        user.Property(u => u.CreatedAt).IsRequired();
        user.Ignore(u => u.IsAdmin);
        // Emails are stored normalized, so a plain unique index is enough to make them case-insensitively unique.
        user.HasIndex(u => u.Email).IsUnique().HasDatabaseName("IX_Users_Email");
    }
}
