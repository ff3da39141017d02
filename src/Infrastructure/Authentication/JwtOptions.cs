using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace EventBooking.Infrastructure.Authentication;

/// <summary>The <c>Jwt</c> configuration section (<c>Jwt__SigningKey</c>, <c>Jwt__Issuer</c>, ...).</summary>
public sealed class JwtOptions
{
    public const string SectionName = "Jwt";
    public const int MinimumKeyBytes = 32;

    /// <summary>The HS256 key. There is no default: outside Development the API refuses to start without one.</summary>
    public string? SigningKey { get; set; }

    public string Issuer { get; set; } = "eventbooking";

    public string Audience { get; set; } = "eventbooking";

    public int LifetimeMinutes { get; set; } = 1440;

    /// <summary>Tolerance for clock differences when checking <c>exp</c>/<c>nbf</c>.</summary>
    public int ClockSkewSeconds { get; set; } = 30;

    public SymmetricSecurityKey CreateSigningKey() =>
        new(Encoding.UTF8.GetBytes(SigningKey ?? throw new InvalidOperationException("Jwt:SigningKey is not set.")));

    /// <summary>What a token must satisfy: our key, HS256 only (so <c>alg: none</c> fails), issuer, audience, lifetime.</summary>
    public TokenValidationParameters CreateValidationParameters() => new()
    {
        ValidateIssuerSigningKey = true,
        IssuerSigningKey = CreateSigningKey(),
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        ValidateIssuer = true,
        ValidIssuer = Issuer,
        ValidateAudience = true,
        ValidAudience = Audience,
        ValidateLifetime = true,
        RequireExpirationTime = true,
        RequireSignedTokens = true,
        ClockSkew = TimeSpan.FromSeconds(ClockSkewSeconds),
        NameClaimType = JwtClaims.Name,
        RoleClaimType = JwtClaims.Role,
    };
}
