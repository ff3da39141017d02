using System.Net;
using EventBooking.WebApi.IntegrationTests.Support;
using static EventBooking.WebApi.IntegrationTests.Support.ApiAssertions;

namespace EventBooking.WebApi.IntegrationTests.Pipeline;

/// <summary>
/// Contract §1 and §3: with PostgreSQL unreachable the API answers 503 <c>SERVICE_UNAVAILABLE</c>, never
/// 500 and never 401, and liveness stays up. The API here points at a port nothing listens on.
/// </summary>
public sealed class DatabaseOutageTests(DatabaseFixture database) : ApiTest(database)
{
    private const string Unreachable = "Host=127.0.0.1;Port=1;Database=x;Username=postgres;Timeout=2";

    protected override EventBookingApiFactory CreateFactory() => new(Database, new Dictionary<string, string?>
    {
        ["ConnectionStrings:Default"] = Unreachable,
    });

    [Fact]
    public async Task Login_WhenTheDatabaseIsDown_ShouldAnswer503NotUnauthorized()
    {
        var response = await SendAsync(HttpMethod.Post, "/api/auth/login", json: new { email = "ann@example.com", password = "password123" });

        await AssertErrorAsync(response, HttpStatusCode.ServiceUnavailable, "SERVICE_UNAVAILABLE");
        await AssertNoInternalsAsync(response);
    }

    [Fact]
    public async Task Register_WhenTheDatabaseIsDown_ShouldAnswer503()
    {
        var response = await SendAsync(
            HttpMethod.Post, "/api/auth/register", json: new { email = "ann@example.com", name = "Ann", password = "password123" });

        await AssertErrorAsync(response, HttpStatusCode.ServiceUnavailable, "SERVICE_UNAVAILABLE");
        await AssertNoInternalsAsync(response);
    }

    [Fact]
    public async Task Me_WhenTheDatabaseIsDownAndTheTokenIsValid_ShouldAnswer503NotUnauthorized()
    {
        var response = await SendAsync(HttpMethod.Get, "/api/auth/me", TestTokens.Create(1));

        await AssertErrorAsync(response, HttpStatusCode.ServiceUnavailable, "SERVICE_UNAVAILABLE");
        await AssertNoInternalsAsync(response);
    }

    [Fact]
    public async Task GetReady_WhenTheDatabaseIsDown_ShouldAnswer503()
    {
        var response = await Client.GetAsync(new Uri("/health/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        await AssertNoInternalsAsync(response);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/health/live")]
    public async Task Liveness_WhenTheDatabaseIsDown_ShouldStillAnswer200(string path)
    {
        var response = await Client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Login_WhenTheDatabaseIsDownAndOriginIsAllowed_ShouldEchoTheOriginSoTheBrowserCanReadThe503()
    {
        using var request = Request(HttpMethod.Post, "/api/auth/login", json: new { email = "ann@example.com", password = "password123" });
        request.Headers.Add("Origin", "http://localhost:8080");

        var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("http://localhost:8080", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
    }

    [Fact]
    public async Task Login_WhenTheDatabaseIsDown_ShouldStillSendNosniff()
    {
        var response = await SendAsync(HttpMethod.Post, "/api/auth/login", json: new { email = "ann@example.com", password = "password123" });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.True(response.Headers.TryGetValues("X-Content-Type-Options", out var values), "No X-Content-Type-Options on the 503");
        Assert.Equal("nosniff", Assert.Single(values));
    }
}
