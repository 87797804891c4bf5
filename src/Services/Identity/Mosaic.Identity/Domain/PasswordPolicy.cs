namespace Mosaic.Identity.Domain;

/// <summary>What a password must be before it is accepted for an account.</summary>
public static class PasswordPolicy
{
    public const int MinLength = 10;
    public const int MaxLength = 128;

    /// <summary>
    /// Local parts shorter than this are not checked: a password would otherwise be refused for
    /// containing a single common letter when the address is "a@example.com".
    /// </summary>
    public const int ShortestCheckedLocalPart = 3;

    /// <summary>The first rule <paramref name="password"/> breaks, as a sentence for the user; null when it is acceptable.</summary>
    public static string? Check(string? password, EmailAddress email)
    {
        ArgumentNullException.ThrowIfNull(email);
        if (string.IsNullOrEmpty(password)) return $"Choose a password of at least {MinLength} characters.";
        if (password.Length < MinLength) return $"The password must be at least {MinLength} characters long.";
        if (password.Length > MaxLength) return $"The password can be at most {MaxLength} characters long.";
        if (!password.Any(char.IsLetter)) return "The password must contain at least one letter.";
        if (!password.Any(char.IsDigit)) return "The password must contain at least one digit.";
        if (email.LocalPart.Length >= ShortestCheckedLocalPart && password.Contains(email.LocalPart, StringComparison.OrdinalIgnoreCase))
            return "The password must not contain the part of your email address before the @.";
        return null;
    }
}
