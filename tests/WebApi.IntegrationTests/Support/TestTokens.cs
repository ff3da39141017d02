using System.Globalization;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace EventBooking.WebApi.IntegrationTests.Support;

/// <summary>Mints tokens the way the API does (or deliberately not), for users inserted straight into the database.</summary>
public static class TestTokens
{
    public const string SigningKey = "test-signing-key-0123456789abcdef0123456789abcdef";
    public const string Issuer = "eventbooking";
    public const string Audience = "eventbooking";

    public static string Create(
        int userId,
        string role = "user",
        string email = "user@example.com",
        string name = "Test User",
        string key = SigningKey,
        string issuer = Issuer,
        string audience = Audience,
        DateTime? expires = null,
        DateTime? issuedAt = null)
    {
        var now = issuedAt ?? DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = expires ?? now.AddHours(1),
            SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
            Claims = new Dictionary<string, object>
            {
                ["sub"] = userId.ToString(CultureInfo.InvariantCulture),
                ["id"] = userId,
                ["email"] = email,
                ["name"] = name,
                ["role"] = role,
                ["jti"] = Guid.NewGuid().ToString("N"),
            },
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    /// <summary>An unsigned token (<c>alg: none</c>) with the given claims JSON.</summary>
    public static string WithoutSignature(string payloadJson) =>
        $"{Base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}")}.{Base64Url(payloadJson)}.";

    /// <summary>Replaces the payload of a signed token, keeping its signature (which then no longer matches).</summary>
    public static string WithPayload(string token, string payloadJson)
    {
        var parts = token.Split('.');
        return $"{parts[0]}.{Base64Url(payloadJson)}.{parts[2]}";
    }

    private static string Base64Url(string text) => Base64UrlEncoder.Encode(text);
}
