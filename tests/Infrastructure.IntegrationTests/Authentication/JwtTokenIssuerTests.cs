using System.Text.Json;
using EventBooking.Domain.Users;
using EventBooking.Infrastructure.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;

namespace EventBooking.Infrastructure.IntegrationTests.Authentication;

public sealed class JwtTokenIssuerTests
{
    private static readonly DateTime Now = new(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);

    private static readonly JwtOptions Options = new()
    {
        SigningKey = "unit-test-signing-key-0123456789abcdef",
        Issuer = "eventbooking",
        Audience = "eventbooking-clients",
        LifetimeMinutes = 90,
    };

    [Fact]
    public async Task Issue_ShouldSignTheOldServersClaimsPlusStandardOnesAndValidate()
    {
        var issuer = new JwtTokenIssuer(Microsoft.Extensions.Options.Options.Create(Options), new FixedClock(Now));
        var user = User.Register("john@example.com", "John Doe", "hash", Now);

        var token = issuer.Issue(user);

        Assert.Equal(Now.AddMinutes(90), token.ExpiresAt);
        var parsed = new JsonWebToken(token.Token);
        Assert.Equal("HS256", parsed.Alg);
        Assert.Equal("john@example.com", parsed.GetClaim("email").Value);
        Assert.Equal("John Doe", parsed.GetClaim("name").Value);
        Assert.Equal("user", parsed.GetClaim("role").Value);
        Assert.Equal("0", parsed.Subject);
        Assert.Equal("eventbooking", parsed.Issuer);
        Assert.Equal(["eventbooking-clients"], parsed.Audiences);
        Assert.Equal(Now, parsed.IssuedAt);
        Assert.Equal(Now.AddMinutes(90), parsed.ValidTo);
        Assert.False(string.IsNullOrEmpty(parsed.Id));
        using var payload = JsonDocument.Parse(Base64UrlDecode(token.Token.Split('.')[1]));
        Assert.Equal(JsonValueKind.Number, payload.RootElement.GetProperty("id").ValueKind);

        var validation = Options.CreateValidationParameters();
        validation.LifetimeValidator = (_, expires, _, _) => expires > Now;
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token.Token, validation);
        Assert.True(result.IsValid, result.Exception?.Message);
    }

    [Fact]
    public void Validator_WhenKeyIsMissingOrShort_ShouldRefuseWithAClearMessage()
    {
        var validator = new JwtOptionsValidator();

        var missing = validator.Validate(null, new JwtOptions());
        var tooShort = validator.Validate(null, new JwtOptions { SigningKey = "short" });
        var fine = validator.Validate(null, Options);

        Assert.True(missing.Failed);
        Assert.Contains("Jwt__SigningKey is not set", missing.FailureMessage, StringComparison.Ordinal);
        Assert.True(tooShort.Failed);
        Assert.Contains("at least 32 bytes", tooShort.FailureMessage, StringComparison.Ordinal);
        Assert.True(fine.Succeeded);
    }

    private static string Base64UrlDecode(string segment) =>
        System.Text.Encoding.UTF8.GetString(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(segment));

    private sealed class FixedClock(DateTime utcNow) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(utcNow, TimeSpan.Zero);
    }
}
