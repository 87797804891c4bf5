using Microsoft.Extensions.Options;
using Mosaic.Identity.Accounts;
using Mosaic.Identity.Contracts;
using Mosaic.Identity.Domain;
using Mosaic.Platform.Problems;

namespace Mosaic.Identity.Api;

/// <summary><c>POST /register</c>: a new account, a customer unless its email is configured as an admin's.</summary>
internal static class RegisterEndpoint
{
    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapPost("/register", RegisterAsync)
            .WithName("Register")
            .Produces<UserResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<IResult> RegisterAsync(
        RegisterRequest request, UserAccounts accounts, IOptionsMonitor<RegistrationOptions> options, CancellationToken cancellationToken)
    {
        if (!EmailAddress.TryParse(request.Email, out var email, out var emailProblem))
            return Problem.Invalid("email", emailProblem);
        if (!DisplayName.TryParse(request.DisplayName, out var displayName, out var nameProblem))
            return Problem.Invalid("displayName", nameProblem);
        if (PasswordPolicy.Check(request.Password, email) is { } passwordProblem)
            return Problem.Invalid("password", passwordProblem);

        var user = await accounts.CreateAsync(email, displayName, request.Password!, options.CurrentValue.RoleFor(email), cancellationToken);
        return user is null
            ? Problem.Conflict("An account with this email already exists. Log in instead.")
            : Results.Created("/me", UserMapping.ToResponse(user));
    }
}
