using System.ComponentModel.DataAnnotations;

namespace Mosaic.Identity.Tokens;

/// <summary>Configuration section <c>Identity:AccessTokens</c>.</summary>
public sealed class AccessTokenOptions
{
    public const string Section = "Identity:AccessTokens";

    /// <summary>How long an access token is accepted. Short, because a token cannot be revoked.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00", ErrorMessage = "Identity:AccessTokens:Lifetime must be between 1 minute and 1 day.")]
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromMinutes(15);
}
