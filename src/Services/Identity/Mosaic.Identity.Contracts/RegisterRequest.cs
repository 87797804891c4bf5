using System.ComponentModel.DataAnnotations;

namespace Mosaic.Identity.Contracts;

/// <summary>What a new customer sends to <c>POST /register</c>.</summary>
public sealed class RegisterRequest
{
    [Required, EmailAddress, StringLength(IdentityLimits.EmailMaxLength)]
    public string? Email { get; init; }

    /// <summary>At least 10 characters with a letter and a digit, and not the part of the email before the @.</summary>
    [Required, StringLength(IdentityLimits.PasswordMaxLength)]
    public string? Password { get; init; }

    [Required, StringLength(IdentityLimits.DisplayNameMaxLength, MinimumLength = 1)]
    public string? DisplayName { get; init; }
}
