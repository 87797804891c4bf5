namespace Mosaic.Identity.Domain;

/// <summary>The roles a user can have; the values travel in the access token's role claim.</summary>
public static class UserRoles
{
    public const string Admin = "admin";
    public const string Customer = "customer";

    public static bool IsKnown(string? role) => role is Admin or Customer;
}
