using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Mosaic.Identity.Passwords;

/// <summary>
/// PBKDF2-HMAC-SHA512 with a random 128-bit salt per password, stored as
/// <c>pbkdf2-sha512$ITERATIONS$SALT$KEY</c> (base64). The iteration count is part of the stored
/// value, so it can be raised later: a login with an older hash verifies it as stored and then asks
/// for a rehash.
/// </summary>
public sealed class PasswordHasher
{
    /// <summary>OWASP's recommendation for PBKDF2-HMAC-SHA512 (2023).</summary>
    public const int Iterations = 210_000;

    private const string Scheme = "pbkdf2-sha512";
    private const int SaltBytes = 16;
    private const int KeyBytes = 32;
    private static readonly HashAlgorithmName Algorithm = HashAlgorithmName.SHA512;

    // A hash of a password nobody knows, so a login for an unknown email does the same work as one for a known email.
    private readonly Lazy<string> decoy = new(() => HashWith(RandomNumberGenerator.GetHexString(32), Iterations));

    public string Hash(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        return HashWith(password, Iterations);
    }

    public PasswordVerification Verify(string storedHash, string password)
    {
        ArgumentNullException.ThrowIfNull(storedHash);
        ArgumentNullException.ThrowIfNull(password);
        var parts = storedHash.Split('$');
        if (parts.Length != 4 || parts[0] != Scheme
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations) || iterations < 1)
            return PasswordVerification.Failed;

        byte[] salt, expected;
        try
        {
            salt = Convert.FromBase64String(parts[2]);
            expected = Convert.FromBase64String(parts[3]);
        }
        catch (FormatException)
        {
            return PasswordVerification.Failed;
        }
        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, Algorithm, expected.Length);
        if (!CryptographicOperations.FixedTimeEquals(actual, expected)) return PasswordVerification.Failed;
        return iterations < Iterations || salt.Length < SaltBytes || expected.Length < KeyBytes
            ? PasswordVerification.SuccessRehashNeeded
            : PasswordVerification.Success;
    }

    /// <summary>Spends the time a verification takes, for a login whose email matches no account.</summary>
    public void VerifyAgainstDecoy(string password) => Verify(decoy.Value, password);

    /// <summary>Builds a stored hash with a given iteration count (older hashes in the database have fewer).</summary>
    internal static string HashWith(string password, int iterations)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var key = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, Algorithm, KeyBytes);
        return string.Create(CultureInfo.InvariantCulture, $"{Scheme}${iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(key)}");
    }
}
