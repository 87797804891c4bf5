using Mosaic.Identity.Accounts;
using Mosaic.Identity.Contracts;
using Mosaic.Identity.Tokens;
using Mosaic.Platform.Problems;

namespace Mosaic.Identity.Api;

/// <summary><c>POST /login</c>: an access token for the right email and password.</summary>
internal static class LoginEndpoint
{
    // One answer for an unknown email and a wrong password, so the response does not reveal which emails have accounts.
    internal const string Refusal = "The email or password is not correct.";

    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapPost("/login", LoginAsync)
            .WithName("Login")
            .Produces<AccessTokenResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized);

    private static async Task<IResult> LoginAsync(
        LoginRequest request, UserAccounts accounts, AccessTokenIssuer tokens, CancellationToken cancellationToken)
    {
        var user = await accounts.AuthenticateAsync(request.Email!, request.Password!, cancellationToken);
        return user is null ? Problem.Unauthorized(Refusal) : Results.Ok(tokens.Issue(user));
    }
}
