using System.Net;
using EventBooking.WebApi.IntegrationTests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace EventBooking.WebApi.IntegrationTests.Operations;

/// <summary>
/// Issue 17, behind a proxy: <c>X-Forwarded-For</c> counts only when the connection comes from a configured proxy;
/// then per-address limits (here the login limit, 2 a minute) key on the real client. Every request here arrives
/// from 10.1.2.3, as if through a proxy at that address.
/// </summary>
public sealed class ForwardedHeadersTests(DatabaseFixture database) : ApiTest(database)
{
    private const string ProxyAddress = "10.1.2.3";

    [Fact]
    public async Task WithoutAConfiguredProxy_AForwardedForHeader_ShouldBeIgnored()
    {
        await using var factory = BehindProxy(proxies: null);
        using var client = factory.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(client, "203.0.113.1")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(client, "203.0.113.2")).StatusCode);

        // A third "client" is the same connection address: its limit is used up, whatever the header says.
        await AssertErrorAsync(await LoginAsync(client, "203.0.113.3"), HttpStatusCode.TooManyRequests, "RATE_LIMITED");
    }

    [Fact]
    public async Task FromAConfiguredProxy_ForwardedFor_ShouldBeTheClientAddressLimitsKeyOn()
    {
        await using var factory = BehindProxy(proxies: ProxyAddress);
        using var client = factory.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(client, "203.0.113.1")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(client, "203.0.113.1")).StatusCode);
        await AssertErrorAsync(await LoginAsync(client, "203.0.113.1"), HttpStatusCode.TooManyRequests, "RATE_LIMITED");

        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(client, "203.0.113.2")).StatusCode);
    }

    [Fact]
    public async Task FromAnAddressThatIsNotAConfiguredProxy_ForwardedFor_ShouldBeIgnored()
    {
        await using var factory = BehindProxy(proxies: "10.9.9.9");
        using var client = factory.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(client, "203.0.113.1")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(client, "203.0.113.2")).StatusCode);
        await AssertErrorAsync(await LoginAsync(client, "203.0.113.3"), HttpStatusCode.TooManyRequests, "RATE_LIMITED");
    }

    private static Task<HttpResponseMessage> LoginAsync(HttpClient client, string forwardedFor)
    {
        var request = Request(HttpMethod.Post, "/api/auth/login", json: new { email = "nobody@example.com", password = "password123" });
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return client.SendAsync(request);
    }

    private EventBookingApiFactory BehindProxy(string? proxies) => new(
        Database,
        new Dictionary<string, string?>
        {
            ["RateLimiting:Enabled"] = "true",
            ["RateLimiting:AuthPermitsPerMinute"] = "2",
            ["ForwardedHeaders:KnownProxies"] = proxies,
        },
        services => services.AddSingleton<IStartupFilter>(new ConnectionFromAddress(IPAddress.Parse(ProxyAddress))));
}
