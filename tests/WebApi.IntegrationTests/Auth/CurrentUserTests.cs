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
    public async Task Me_WhenManyUsersAskAtOnce_ShouldAnswerEachWithTheirOwnCurrentData_EvenBesideARowWithoutRole()
    {
        // The per-request user checks of concurrent requests share queries: each must still get its own row,
        // and a row the schema allows without a role (it counts as "user") must not fail the others.
        var users = new List<(int Id, string Token)>();
        for (var i = 0; i < 30; i++)
        {
            users.Add(await CreateUserAsync($"u{i}@example.com", name: $"User {i}"));
        }

        await ScalarAsync<int>("UPDATE users SET role = NULL WHERE id = $1 RETURNING id", users[7].Id);
        await ScalarAsync<int>("UPDATE users SET role = 'admin' WHERE id = $1 RETURNING id", users[8].Id);

        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = users.Select(async u =>
        {
            await gate.Task;
            return await SendAsync(HttpMethod.Get, Path, u.Token);
        }).ToList();
        gate.SetResult();
        var responses = await Task.WhenAll(calls);

        for (var i = 0; i < users.Count; i++)
        {
            var data = await AssertSuccessAsync(responses[i], HttpStatusCode.OK);
            AssertAuthUser(data.GetProperty("user"), users[i].Id, $"u{i}@example.com", $"User {i}", i == 8 ? "admin" : "user");
        }
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
