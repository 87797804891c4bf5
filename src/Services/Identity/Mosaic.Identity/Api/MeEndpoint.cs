using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Mosaic.Identity.Accounts;
using Mosaic.Identity.Contracts;
using Mosaic.Platform.Problems;

namespace Mosaic.Identity.Api;

/// <summary><c>GET /me</c>: the account the access token belongs to.</summary>
internal static class MeEndpoint
{
    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/me", GetAsync)
            .WithName("Me")
            .RequireAuthorization()
            .Produces<UserResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized);

    private static async Task<IResult> GetAsync(ClaimsPrincipal principal, UserAccounts accounts, CancellationToken cancellationToken)
    {
        var user = Guid.TryParse(principal.FindFirstValue(JwtRegisteredClaimNames.Sub), out var id)
            ? await accounts.FindAsync(id, cancellationToken)
            : null;
        return user is null
            ? Problem.Unauthorized("The account this access token was issued for does not exist.")
            : Results.Ok(UserMapping.ToResponse(user));
    }
}
