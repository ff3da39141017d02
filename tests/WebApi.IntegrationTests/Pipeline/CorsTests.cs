using System.Net;
using System.Text;
using EventBooking.WebApi.IntegrationTests.Support;

namespace EventBooking.WebApi.IntegrationTests.Pipeline;

/// <summary>Contract §1 and §9: CORS for the configured origins only (default http://localhost:8080).</summary>
public sealed class CorsTests(DatabaseFixture database) : ApiTest(database)
{
    private const string AllowOrigin = "Access-Control-Allow-Origin";

    [Fact]
    public async Task Preflight_WhenOriginIsTheDefaultAllowedOne_ShouldEchoTheOrigin()
    {
        var response = await Client.SendAsync(Preflight("http://localhost:8080", "POST"));

        Assert.True(response.IsSuccessStatusCode, $"Preflight answered {(int)response.StatusCode}");
        Assert.Equal("http://localhost:8080", HeaderValue(response, AllowOrigin));
    }

    [Fact]
    public async Task Preflight_WhenOriginIsNotAllowed_ShouldNotSendAllowOrigin()
    {
        var response = await Client.SendAsync(Preflight("https://evil.example", "POST"));

        Assert.False(response.Headers.Contains(AllowOrigin));
    }

    [Fact]
    public async Task Preflight_WhenAskingForTheContractsMethodsAndHeaders_ShouldAllowThem()
    {
        var request = Preflight("http://localhost:8080", "PUT");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type,idempotency-key");

        var response = await Client.SendAsync(request);

        Assert.Equal("http://localhost:8080", HeaderValue(response, AllowOrigin));
        Assert.Contains("PUT", HeaderValue(response, "Access-Control-Allow-Methods")!, StringComparison.Ordinal);
        var headers = HeaderValue(response, "Access-Control-Allow-Headers")!.ToLowerInvariant();
        Assert.Contains("authorization", headers, StringComparison.Ordinal);
        Assert.Contains("content-type", headers, StringComparison.Ordinal);
        Assert.Contains("idempotency-key", headers, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_WhenOriginIsAllowed_ShouldEchoTheOriginOnTheActualResponse()
    {
        using var request = Request(HttpMethod.Get, "/api/auth/me");
        request.Headers.Add("Origin", "http://localhost:8080");

        var response = await Client.SendAsync(request);

        Assert.Equal("http://localhost:8080", HeaderValue(response, AllowOrigin));
    }

    [Fact]
    public async Task Register_WhenTheBodyIsNotJsonAndOriginIsAllowed_ShouldEchoTheOriginSoTheBrowserCanReadTheError()
    {
        using var request = Request(HttpMethod.Post, "/api/auth/register");
        request.Content = new StringContent("""{"email":""", Encoding.UTF8, "application/json");
        request.Headers.Add("Origin", "http://localhost:8080");

        var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("http://localhost:8080", HeaderValue(response, AllowOrigin));
    }

    [Fact]
    public async Task Preflight_WhenAllowedOriginsIsACommaSeparatedList_ShouldAllowEachAndOnlyThose()
    {
        await using var factory = new EventBookingApiFactory(Database, new Dictionary<string, string?>
        {
            ["Cors:AllowedOrigins"] = "https://a.example, https://b.example",
        });
        using var client = factory.CreateClient();

        var a = await client.SendAsync(Preflight("https://a.example", "POST"));
        var b = await client.SendAsync(Preflight("https://b.example", "POST"));
        var defaultOrigin = await client.SendAsync(Preflight("http://localhost:8080", "POST"));

        Assert.Equal("https://a.example", HeaderValue(a, AllowOrigin));
        Assert.Equal("https://b.example", HeaderValue(b, AllowOrigin));
        Assert.False(defaultOrigin.Headers.Contains(AllowOrigin));
    }

    private static HttpRequestMessage Preflight(string origin, string method)
    {
        var request = Request(HttpMethod.Options, "/api/auth/login");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        return request;
    }

    private static string? HeaderValue(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;
}
