using System.Net;
using System.Text.Json.Nodes;
using EventBooking.WebApi.IntegrationTests.Support;
using Microsoft.IdentityModel.Tokens;

namespace EventBooking.WebApi.IntegrationTests.Auth;

/// <summary>
/// Contract §3, tokens: HS256 with our key, issuer and audience, unexpired (30 s skew), for a user who
/// still exists. Anything else is 401 "Invalid or expired token". Each user here exists, so a refusal is
/// about the token alone.
/// </summary>
public sealed class TokenValidationTests(DatabaseFixture database) : ApiTest(database)
{
    private const string Me = "/api/auth/me";

    [Fact]
    public async Task Me_WhenTokenIsUnsignedWithAlgNone_ShouldAnswer401InvalidToken()
    {
        var (id, _) = await CreateUserAsync("ann@example.com");
        var exp = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
        var token = TestTokens.WithoutSignature(
            $$"""{"sub":"{{id}}","id":{{id}},"email":"ann@example.com","name":"Ann","role":"user","iss":"{{TestTokens.Issuer}}","aud":"{{TestTokens.Audience}}","exp":{{exp}}}""");

        await AssertInvalidTokenAsync(await SendAsync(HttpMethod.Get, Me, token));
    }

    [Fact]
    public async Task Me_WhenTokenIsSignedWithAnotherKey_ShouldAnswer401InvalidToken()
    {
        var (id, _) = await CreateUserAsync("ann@example.com");
        var token = TestTokens.Create(id, key: "some-other-signing-key-0123456789abcdef0123456789");

        await AssertInvalidTokenAsync(await SendAsync(HttpMethod.Get, Me, token));
    }

    [Fact]
    public async Task Me_WhenTokenHasAnotherIssuer_ShouldAnswer401InvalidToken()
    {
        var (id, _) = await CreateUserAsync("ann@example.com");

        await AssertInvalidTokenAsync(await SendAsync(HttpMethod.Get, Me, TestTokens.Create(id, issuer: "someone-else")));
    }

    [Fact]
    public async Task Me_WhenTokenHasAnotherAudience_ShouldAnswer401InvalidToken()
    {
        var (id, _) = await CreateUserAsync("ann@example.com");

        await AssertInvalidTokenAsync(await SendAsync(HttpMethod.Get, Me, TestTokens.Create(id, audience: "someone-else")));
    }

    [Fact]
    public async Task Me_WhenTokenExpiredLongerAgoThanTheClockSkew_ShouldAnswer401InvalidToken()
    {
        var (id, _) = await CreateUserAsync("ann@example.com");
        var now = DateTime.UtcNow;
        var token = TestTokens.Create(id, issuedAt: now.AddHours(-2), expires: now.AddSeconds(-90));

        await AssertInvalidTokenAsync(await SendAsync(HttpMethod.Get, Me, token));
    }

    [Fact]
    public async Task Me_WhenTokenExpiredWithinTheClockSkew_ShouldStillAnswer200()
    {
        var (id, _) = await CreateUserAsync("ann@example.com");
        var now = DateTime.UtcNow;
        var token = TestTokens.Create(id, issuedAt: now.AddHours(-2), expires: now.AddSeconds(-5));

        await AssertSuccessAsync(await SendAsync(HttpMethod.Get, Me, token), HttpStatusCode.OK);
    }

    [Fact]
    public async Task ListUsers_WhenTheRoleClaimIsTamperedToAdmin_ShouldAnswer401InvalidToken()
    {
        var (_, token) = await CreateUserAsync("ann@example.com");
        var payload = JsonNode.Parse(Base64UrlEncoder.Decode(token.Split('.')[1]))!.AsObject();
        Assert.Equal("user", payload["role"]!.GetValue<string>());
        payload["role"] = "admin";

        var tampered = TestTokens.WithPayload(token, payload.ToJsonString());

        await AssertInvalidTokenAsync(await SendAsync(HttpMethod.Get, "/api/admin/users", tampered));
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("a.b.c")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9..")]
    public async Task Me_WhenTokenIsNotAJwt_ShouldAnswer401InvalidToken(string token)
    {
        await AssertInvalidTokenAsync(await SendAsync(HttpMethod.Get, Me, token));
    }

    [Fact]
    public async Task Me_WhenTheUserWasDeletedAfterTheTokenWasIssued_ShouldAnswer401InvalidToken()
    {
        var (id, token) = await CreateUserAsync("gone@example.com");
        await ScalarAsync<int>("DELETE FROM users WHERE id = $1 RETURNING id", id);

        await AssertInvalidTokenAsync(await SendAsync(HttpMethod.Get, Me, token));
    }

    private static async Task AssertInvalidTokenAsync(HttpResponseMessage response)
    {
        var error = await AssertErrorAsync(response, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        Assert.Equal("Invalid or expired token", error.GetProperty("message").GetString());
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        Assert.DoesNotContain("details", error.EnumerateObject().Select(p => p.Name));
    }
}
