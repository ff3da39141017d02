using EventBooking.Domain.Users;
using EventBooking.Infrastructure.Authentication;

namespace EventBooking.WebApi.Security;

internal static class AuthorizationPolicies
{
    public const string Admin = "admin";

    public static IServiceCollection AddAuthorizationPolicies(this IServiceCollection services) =>
        services.AddAuthorizationBuilder()
            .AddPolicy(Admin, policy => policy.RequireAuthenticatedUser().RequireClaim(JwtClaims.Role, Roles.Admin))
            .Services;
}
