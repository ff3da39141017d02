using System.Globalization;
using EventBooking.Application.Common.Interfaces;
using EventBooking.Domain.Users;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace EventBooking.Infrastructure.Authentication;

/// <summary>HS256 tokens with the old server's claims (<c>id, email, name, role, exp</c>) plus <c>sub, iat, jti, iss, aud</c>.</summary>
internal sealed class JwtTokenIssuer(IOptions<JwtOptions> options, TimeProvider clock) : ITokenIssuer
{
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    public AccessToken Issue(User user)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        var expires = now.AddMinutes(settings.LifetimeMinutes);
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            IssuedAt = now,
            Expires = expires,
            SigningCredentials = new SigningCredentials(settings.CreateSigningKey(), SecurityAlgorithms.HmacSha256),
            Claims = new Dictionary<string, object>
            {
                [JwtClaims.Subject] = user.Id.ToString(CultureInfo.InvariantCulture),
                [JwtClaims.Id] = user.Id,
                [JwtClaims.Email] = user.Email,
                [JwtClaims.Name] = user.Name,
                [JwtClaims.Role] = user.Role,
                [JwtClaims.TokenId] = Guid.NewGuid().ToString("N"),
            },
        };
        return new AccessToken(_handler.CreateToken(descriptor), expires);
    }
}
