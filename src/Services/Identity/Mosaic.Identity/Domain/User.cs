namespace Mosaic.Identity.Domain;

/// <summary>
/// An account. The email is the login name and is unique; the password is only ever held as a
/// slow salted hash; the role is <see cref="UserRoles.Admin"/> or <see cref="UserRoles.Customer"/>.
/// </summary>
public sealed class User
{
    public const int PasswordHashMaxLength = 256;

    // For the database mapper, which fills the properties itself.
    private User()
    {
    }

    public Guid Id { get; private set; }

    public string Email { get; private set; } = "";

    public string DisplayName { get; private set; } = "";

    public string PasswordHash { get; private set; } = "";

    public string Role { get; private set; } = UserRoles.Customer;

    public DateTimeOffset CreatedAt { get; private set; }

    public bool IsAdmin => Role == UserRoles.Admin;

    public static User Register(Guid id, EmailAddress email, DisplayName displayName, string passwordHash, string role, DateTimeOffset createdAt)
    {
        ArgumentNullException.ThrowIfNull(email);
        ArgumentNullException.ThrowIfNull(displayName);
        if (id == Guid.Empty) throw new ArgumentException("A user needs an id.", nameof(id));
        if (!UserRoles.IsKnown(role)) throw new ArgumentException($"'{role}' is not a role; use admin or customer.", nameof(role));
        if (createdAt.Offset != TimeSpan.Zero) throw new ArgumentException("Times are kept in UTC.", nameof(createdAt));
        var user = new User
        {
            Id = id,
            Email = email.Value,
            DisplayName = displayName.Value,
            Role = role,
            // PostgreSQL keeps microseconds: the time registering answers with is the time read back later.
            CreatedAt = createdAt.AddTicks(-(createdAt.Ticks % TimeSpan.TicksPerMicrosecond)),
        };
        user.ReplacePasswordHash(passwordHash);
        return user;
    }

    public void PromoteToAdmin() => Role = UserRoles.Admin;

    /// <summary>Stores a new hash, for example the same password hashed with stronger parameters.</summary>
    public void ReplacePasswordHash(string passwordHash)
    {
        if (string.IsNullOrWhiteSpace(passwordHash) || passwordHash.Length > PasswordHashMaxLength)
            throw new ArgumentException("A user needs a password hash of at most 256 characters.", nameof(passwordHash));
        PasswordHash = passwordHash;
    }
}
