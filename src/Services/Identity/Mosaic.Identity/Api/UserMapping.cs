using Mosaic.Identity.Contracts;
using Mosaic.Identity.Domain;

namespace Mosaic.Identity.Api;

internal static class UserMapping
{
    public static UserResponse ToResponse(User user) =>
        new(user.Id, user.Email, user.DisplayName, user.Role, user.CreatedAt);
}
