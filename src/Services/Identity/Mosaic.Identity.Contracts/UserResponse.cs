namespace Mosaic.Identity.Contracts;

/// <summary>An account as identity shows it to its owner.</summary>
/// <param name="Role"><c>admin</c> or <c>customer</c>.</param>
public sealed record UserResponse(Guid Id, string Email, string DisplayName, string Role, DateTimeOffset CreatedAt);
