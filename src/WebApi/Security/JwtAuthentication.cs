using EventBooking.Infrastructure.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;

namespace EventBooking.WebApi.Security;

/// <summary>
/// Bearer tokens checked against <see cref="JwtOptions"/>, then against the database by
/// <see cref="ApiJwtBearerEvents"/> (a singleton resolved by the handler through <c>EventsType</c>).
/// </summary>
internal static class JwtAuthentication
{
    public static IServiceCollection AddJwtAuthentication(this IServiceCollection services)
    {
        services.AddSingleton<ApiJwtBearerEvents>();
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<JwtOptions>>((bearer, jwt) =>
            {
                bearer.MapInboundClaims = false;
                bearer.TokenValidationParameters = jwt.Value.CreateValidationParameters();
                // The caller's identity is the token's, changed in place (ApiJwtBearerEvents): named after the scheme.
                bearer.TokenValidationParameters.AuthenticationType = JwtBearerDefaults.AuthenticationScheme;
                bearer.EventsType = typeof(ApiJwtBearerEvents);
            });
        return services;
    }
}
