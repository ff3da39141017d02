using System.Net;
using EventBooking.WebApi.IntegrationTests.Support;
using static EventBooking.WebApi.IntegrationTests.Support.ApiAssertions;

namespace EventBooking.WebApi.IntegrationTests.Auth;

/// <summary>Contract §3: GET /api/auth/me.</summary>
public sealed class CurrentUserTests(DatabaseFixture database) : ApiTest(database)
{
    private const string Path = "/api/auth/me";

    [Fact]
    public async Task Me_WhenTokenIsValid_ShouldAnswer200WithTheUser()
    {
        var (id, token) = await CreateUserAsync("ann@example.com", name: "Ann");

        var response = await SendAsync(HttpMethod.Get, Path, token);

        var data = await AssertSuccessAsync(response, HttpStatusCode.OK);
        Assert.Equal(["user"], data.EnumerateObject().Select(p => p.Name));
        AssertAuthUser(data.GetProperty("user"), id, "ann@example.com", "Ann", "user");
    }

    [Fact]
    public async Task Me_WhenNameAndRoleChangedInTheDatabaseAfterTheTokenWasIssued_ShouldShowTheCurrentValues()
    {
        var (id, token) = await CreateUserAsync("ann@example.com", name: "Ann");
        await ScalarAsync<int>("UPDATE users SET name = 'Ann Renamed', role = 'admin' WHERE id = $1 RETURNING id", id);

        var response = await SendAsync(HttpMethod.Get, Path, token);

        var data = await AssertSuccessAsync(response, HttpStatusCode.OK);
        AssertAuthUser(data.GetProperty("user"), id, "ann@example.com", "Ann Renamed", "admin");
    }

    [Fact]
    public async Task Me_WhenNoTokenIsSent_ShouldAnswer401AuthenticationRequiredWithABearerChallenge()
    {
        var response = await SendAsync(HttpMethod.Get, Path);

        var error = await AssertErrorAsync(response, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        Assert.Equal("Authentication required", error.GetProperty("message").GetString());
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
    }

    [Theory]
    [InlineData("Bearer")]
    [InlineData("bearer")]
    [InlineData("BEARER")]
    public async Task Me_WhenTheSchemeIsInAnyCase_ShouldAnswer200(string scheme)
    {
        var (id, token) = await CreateUserAsync("ann@example.com");
        using var request = Request(HttpMethod.Get, Path);
        request.Headers.TryAddWithoutValidation("Authorization", $"{scheme} {token}");

        var response = await Client.SendAsync(request);

        var data = await AssertSuccessAsync(response, HttpStatusCode.OK);
        Assert.Equal(id, data.GetProperty("user").GetProperty("id").GetInt32());
    }
}
