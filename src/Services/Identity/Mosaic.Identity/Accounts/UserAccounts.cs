using Microsoft.EntityFrameworkCore;
using Mosaic.Identity.Data;
using Mosaic.Identity.Domain;
using Mosaic.Identity.Passwords;

namespace Mosaic.Identity.Accounts;

/// <summary>
/// What can be done with accounts, for the API and the admin command alike. Input arrives here
/// already parsed and checked against the domain's rules.
/// </summary>
public sealed partial class UserAccounts(IdentityDbContext db, PasswordHasher hasher, HashingGate hashing, TimeProvider clock, ILogger<UserAccounts> logger)
{
    public Task<User?> FindAsync(EmailAddress email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        return db.Users.SingleOrDefaultAsync(u => u.Email == email.Value, cancellationToken);
    }

    public Task<User?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.Users.SingleOrDefaultAsync(u => u.Id == id, cancellationToken);

    /// <summary>Creates the account; null when the email already has one.</summary>
    public async Task<User?> CreateAsync(EmailAddress email, DisplayName displayName, string password, string role, CancellationToken cancellationToken)
    {
        if (await FindAsync(email, cancellationToken) is not null) return null;

        string passwordHash;
        using (await hashing.EnterAsync(cancellationToken)) passwordHash = hasher.Hash(password);
        var user = User.Register(Guid.CreateVersion7(), email, displayName, passwordHash, role, clock.GetUtcNow());
        db.Users.Add(user);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.Entry(user).State = EntityState.Detached;
            // Someone registered the same email between our check and our insert; the unique index kept it to one account.
            if (await db.Users.AnyAsync(u => u.Email == email.Value, cancellationToken)) return null;
            throw;
        }
        LogCreated(logger, user.Id, user.Role);
        return user;
    }

    public async Task PromoteToAdminAsync(User user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.IsAdmin) return;
        user.PromoteToAdmin();
        await db.SaveChangesAsync(cancellationToken);
        LogPromoted(logger, user.Id);
    }

    /// <summary>
    /// The account these credentials belong to, or null. An unknown email costs the same hashing
    /// work as a wrong password, so the time taken does not tell which of the two it was.
    /// </summary>
    public async Task<User?> AuthenticateAsync(string email, string password, CancellationToken cancellationToken)
    {
        var user = EmailAddress.TryParse(email, out var address, out _) ? await FindAsync(address, cancellationToken) : null;
        using var turn = await hashing.EnterAsync(cancellationToken);
        if (user is null)
        {
            hasher.VerifyAgainstDecoy(password);
            LogUnknownEmail(logger);
            return null;
        }

        switch (hasher.Verify(user.PasswordHash, password))
        {
            case PasswordVerification.Failed:
                LogWrongPassword(logger, user.Id);
                return null;
            case PasswordVerification.SuccessRehashNeeded:
                user.ReplacePasswordHash(hasher.Hash(password));
                await db.SaveChangesAsync(cancellationToken);
                LogRehashed(logger, user.Id);
                break;
        }
        return user;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created user {UserId} with role {Role}")]
    private static partial void LogCreated(ILogger logger, Guid userId, string role);

    [LoggerMessage(Level = LogLevel.Information, Message = "Promoted user {UserId} to admin")]
    private static partial void LogPromoted(ILogger logger, Guid userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused a login: no account has that email")]
    private static partial void LogUnknownEmail(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused a login for user {UserId}: wrong password")]
    private static partial void LogWrongPassword(ILogger logger, Guid userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stored a stronger password hash for user {UserId}")]
    private static partial void LogRehashed(ILogger logger, Guid userId);
}
