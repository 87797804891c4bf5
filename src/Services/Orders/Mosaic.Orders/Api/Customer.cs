using System.Security.Claims;
using Mosaic.Platform.Problems;

namespace Mosaic.Orders.Api;

/// <summary>Who is calling: the user id identity put in the access token's <c>sub</c> claim.</summary>
internal static class Customer
{
    public const string SubjectClaim = "sub";

    public static Guid? IdOf(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirst(SubjectClaim)?.Value, out var id) && id != Guid.Empty ? id : null;

    public static IResult NoSubject() =>
        Problem.Unauthorized("The access token does not name a user (its 'sub' claim is missing or not a user id).");
}
