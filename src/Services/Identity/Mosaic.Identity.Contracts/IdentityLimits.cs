namespace Mosaic.Identity.Contracts;

/// <summary>Field limits the API enforces, shared so clients can check before they send.</summary>
public static class IdentityLimits
{
    /// <summary>The longest address SMTP can carry (RFC 5321).</summary>
    public const int EmailMaxLength = 254;

    public const int PasswordMinLength = 10;

    /// <summary>Bounds the work one request can make the password hash do.</summary>
    public const int PasswordMaxLength = 128;

    public const int DisplayNameMaxLength = 100;
}
