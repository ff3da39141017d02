using System.Net;
using System.Text.Json;
using EventBooking.WebApi.IntegrationTests.Support;
using Microsoft.IdentityModel.Tokens;
using static EventBooking.WebApi.IntegrationTests.Support.ApiAssertions;

namespace EventBooking.WebApi.IntegrationTests.Auth;

/// <summary>Contract §3: POST /api/auth/login.</summary>
public sealed class LoginTests(DatabaseFixture database) : ApiTest(database)
{
    private const string Path = "/api/auth/login";

    [Fact]
    public async Task Login_WhenTheStoredHashIsAnExisting2b12Hash_ShouldAnswer200WithUserAndAWorkingToken()
    {
        Assert.StartsWith("$2b$12$", Passwords.KnownHash, StringComparison.Ordinal);
        var id = await CreateUserWithPasswordHashAsync("ann@example.com", Passwords.KnownHash, name: "Ann");

        var response = await SendAsync(HttpMethod.Post, Path, json: new { email = "ann@example.com", password = Passwords.Known });

        var data = await AssertSuccessAsync(response, HttpStatusCode.OK);
        AssertAuthUser(data.GetProperty("user"), id, "ann@example.com", "Ann", "user");
        var token = data.GetProperty("token").GetString();
        var me = await AssertSuccessAsync(await SendAsync(HttpMethod.Get, "/api/auth/me", token), HttpStatusCode.OK);
        Assert.Equal(id, me.GetProperty("user").GetProperty("id").GetInt32());
    }

    [Fact]
    public async Task Login_WhenSuccessful_ShouldIssueAnHs256TokenWithTheContractsClaimsValidFor24Hours()
    {
        var id = await CreateUserWithPasswordHashAsync("ann@example.com", Passwords.KnownHash, name: "Ann");

        var response = await SendAsync(HttpMethod.Post, Path, json: new { email = "ann@example.com", password = Passwords.Known });

        var token = (await AssertSuccessAsync(response, HttpStatusCode.OK)).GetProperty("token").GetString()!;
        var (header, claims) = Decode(token);
        Assert.Equal("HS256", header.GetProperty("alg").GetString());
        Assert.Equal(id, claims.GetProperty("id").GetInt32());
        Assert.Equal(id.ToString(System.Globalization.CultureInfo.InvariantCulture), claims.GetProperty("sub").GetString());
        Assert.Equal("ann@example.com", claims.GetProperty("email").GetString());
        Assert.Equal("Ann", claims.GetProperty("name").GetString());
        Assert.Equal("user", claims.GetProperty("role").GetString());
        Assert.Equal(TestTokens.Issuer, claims.GetProperty("iss").GetString());
        Assert.Equal(TestTokens.Audience, claims.GetProperty("aud").GetString());
        Assert.False(string.IsNullOrWhiteSpace(claims.GetProperty("jti").GetString()));
        var issuedAt = claims.GetProperty("iat").GetInt64();
        Assert.InRange(issuedAt, DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1);
        Assert.Equal(24 * 60 * 60, claims.GetProperty("exp").GetInt64() - issuedAt);
    }

    [Fact]
    public async Task Login_WhenTheTokenLifetimeIsConfigured_ShouldIssueTokensForThatLong()
    {
        await CreateUserWithPasswordHashAsync("ann@example.com", Passwords.KnownHash);
        await using var factory = new EventBookingApiFactory(Database, new Dictionary<string, string?> { ["Jwt:LifetimeMinutes"] = "5" });
        using var client = factory.CreateClient();

        var response = await client.SendAsync(Request(HttpMethod.Post, Path, json: new { email = "ann@example.com", password = Passwords.Known }));

        var (_, claims) = Decode((await AssertSuccessAsync(response, HttpStatusCode.OK)).GetProperty("token").GetString()!);
        Assert.Equal(5 * 60, claims.GetProperty("exp").GetInt64() - claims.GetProperty("iat").GetInt64());
    }

    [Fact]
    public async Task Login_WhenEmailDiffersInCaseAndHasSpaces_ShouldAnswer200()
    {
        var id = await CreateUserWithPasswordHashAsync("ann@example.com", Passwords.KnownHash, role: "admin", name: "Ann");

        var response = await SendAsync(HttpMethod.Post, Path, json: new { email = "  ANN@Example.COM ", password = Passwords.Known });

        var data = await AssertSuccessAsync(response, HttpStatusCode.OK);
        AssertAuthUser(data.GetProperty("user"), id, "ann@example.com", "Ann", "admin");
    }

    [Fact]
    public async Task Login_WhenTheAccountHasALegacySixCharacterPassword_ShouldStillAnswer200()
    {
        // The old server accepted passwords of 6 characters; those accounts must keep working.
        await CreateUserWithPasswordHashAsync("old@example.com", Passwords.Hash("abc123"));

        var response = await SendAsync(HttpMethod.Post, Path, json: new { email = "old@example.com", password = "abc123" });

        var data = await AssertSuccessAsync(response, HttpStatusCode.OK);
        Assert.Equal("old@example.com", data.GetProperty("user").GetProperty("email").GetString());
    }

    [Fact]
    public async Task Login_WhenPasswordIsWrongOrEmailUnknown_ShouldAnswer401WithTheSameMessageForBoth()
    {
        await CreateUserWithPasswordHashAsync("ann@example.com", Passwords.KnownHash);

        var wrongPassword = await SendAsync(HttpMethod.Post, Path, json: new { email = "ann@example.com", password = "password124" });
        var unknownEmail = await SendAsync(HttpMethod.Post, Path, json: new { email = "nobody@example.com", password = Passwords.Known });

        var wrongPasswordError = await AssertErrorAsync(wrongPassword, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        var unknownEmailError = await AssertErrorAsync(unknownEmail, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        Assert.Equal("Invalid email or password", wrongPasswordError.GetProperty("message").GetString());
        Assert.Equal("Invalid email or password", unknownEmailError.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Login_WhenTheStoredEmailHasCapitals_ShouldStillMatchCaseInsensitively()
    {
        // A row as the old server (or another tool) may have written it: emails were not lower-cased there.
        var id = await CreateUserWithPasswordHashAsync("Legacy.User@Example.COM", Passwords.KnownHash);

        var response = await SendAsync(HttpMethod.Post, Path, json: new { email = "legacy.user@example.com", password = Passwords.Known });

        var data = await AssertSuccessAsync(response, HttpStatusCode.OK);
        Assert.Equal(id, data.GetProperty("user").GetProperty("id").GetInt32());
    }

    [Theory]
    [InlineData("email", """{"password":"password123"}""")]
    [InlineData("email", """{"email":"  ","password":"password123"}""")]
    [InlineData("password", """{"email":"ann@example.com"}""")]
    [InlineData("password", """{"email":"ann@example.com","password":""}""")]
    public async Task Login_WhenAFieldIsMissing_ShouldAnswer400NamingIt(string field, string body)
    {
        var response = await SendTextAsync(HttpMethod.Post, Path, body);

        var error = await AssertErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Equal([field], DetailFields(error));
    }

    private static (JsonElement Header, JsonElement Claims) Decode(string token)
    {
        var parts = token.Split('.');
        Assert.Equal(3, parts.Length);
        using var header = JsonDocument.Parse(Base64UrlEncoder.Decode(parts[0]));
        using var claims = JsonDocument.Parse(Base64UrlEncoder.Decode(parts[1]));
        return (header.RootElement.Clone(), claims.RootElement.Clone());
    }
}
