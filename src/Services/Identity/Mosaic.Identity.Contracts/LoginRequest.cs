using System.ComponentModel.DataAnnotations;

namespace Mosaic.Identity.Contracts;

/// <summary>What a user sends to <c>POST /login</c> to get an access token.</summary>
public sealed class LoginRequest
{
    [Required, StringLength(IdentityLimits.EmailMaxLength)]
    public string? Email { get; init; }

    [Required, StringLength(IdentityLimits.PasswordMaxLength)]
    public string? Password { get; init; }
}
