using System.Globalization;
using System.Net;
using EventBooking.WebApi.IntegrationTests.Support;

namespace EventBooking.WebApi.IntegrationTests.Pipeline;

/// <summary>Contract §1 and §9: 429 <c>RATE_LIMITED</c> with <c>Retry-After</c> past the per-minute limits.</summary>
public sealed class RateLimitingTests(DatabaseFixture database) : ApiTest(database)
{
    protected override EventBookingApiFactory CreateFactory() => new(Database, new Dictionary<string, string?>
    {
        ["RateLimiting:Enabled"] = "true",
        ["RateLimiting:AuthPermitsPerMinute"] = "2",
        ["RateLimiting:PermitsPerMinute"] = "1000",
    });

    [Fact]
    public async Task Login_WhenTheAuthLimitIsUsedUpWithinAMinute_ShouldAnswer429WithRetryAfter()
    {
        var credentials = new { email = "nobody@example.com", password = "password123" };

        var first = await SendAsync(HttpMethod.Post, "/api/auth/login", json: credentials);
        var second = await SendAsync(HttpMethod.Post, "/api/auth/login", json: credentials);
        var third = await SendAsync(HttpMethod.Post, "/api/auth/login", json: credentials);

        Assert.Equal(HttpStatusCode.Unauthorized, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, second.StatusCode);
        await AssertRateLimitedAsync(third);
    }

    [Fact]
    public async Task Register_WhenTheAuthLimitIsUsedUpWithinAMinute_ShouldAnswer429AndStoreNothing()
    {
        var invalid = new { email = "x@example.com", name = "X", password = "short" };

        var first = await SendAsync(HttpMethod.Post, "/api/auth/register", json: invalid);
        var second = await SendAsync(HttpMethod.Post, "/api/auth/register", json: invalid);
        var third = await SendAsync(HttpMethod.Post, "/api/auth/register",
            json: new { email = "valid@example.com", name = "Valid", password = "password123" });

        Assert.Equal(HttpStatusCode.BadRequest, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        await AssertRateLimitedAsync(third);
        Assert.Equal(0, await CountUsersAsync());
    }

    [Fact]
    public async Task Me_WhenTheGeneralLimitIsUsedUpWithinAMinute_ShouldAnswer429WithRetryAfter()
    {
        var (_, token) = await CreateUserAsync("ann@example.com");
        await using var factory = LimitedFactory(permitsPerMinute: 3);
        using var client = factory.CreateClient();

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Request(HttpMethod.Get, "/api/auth/me", token))).StatusCode);
        }

        await AssertRateLimitedAsync(await client.SendAsync(Request(HttpMethod.Get, "/api/auth/me", token)));
    }

    [Fact]
    public async Task LivenessAndHealth_WhenTheGeneralLimitIsUsedUp_ShouldStillAnswer200()
    {
        await using var factory = LimitedFactory(permitsPerMinute: 1);
        using var client = factory.CreateClient();

        // The limiter is on: a second anonymous API request within the minute is refused...
        await client.GetAsync(new Uri("/api/auth/me", UriKind.Relative));
        await AssertRateLimitedAsync(await client.GetAsync(new Uri("/api/auth/me", UriKind.Relative)));

        // ...while the probes keep answering.
        foreach (var path in new[] { "/", "/health/live", "/health/ready" })
        {
            for (var i = 0; i < 3; i++)
            {
                var response = await client.GetAsync(new Uri(path, UriKind.Relative));
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {(int)response.StatusCode}");
            }
        }
    }

    [Fact]
    public async Task CheckIns_ShouldCountAgainstTheirOwnLimit_NotTheGeneralOne()
    {
        var (organiser, token) = await CreateUserAsync("door@example.com", "admin");
        var eventId = await ScalarAsync<int>(
            "INSERT INTO events (name, event_date, seat_capacity, available_seats, created_by) VALUES ('Gala', timezone('utc', now()) + interval '1 day', 5, 5, $1) RETURNING id",
            organiser);
        await using var factory = LimitedFactory(permitsPerMinute: 2, checkInPermitsPerMinute: 4);
        using var client = factory.CreateClient();
        Task<HttpResponseMessage> ScanAsync() =>
            client.SendAsync(Request(HttpMethod.Post, $"/api/events/{eventId}/check-ins", token, new { token = "not.a.ticket" }));

        for (var i = 0; i < 4; i++)
        {
            await AssertErrorAsync(await ScanAsync(), HttpStatusCode.BadRequest, "INVALID_TICKET");
        }

        await AssertRateLimitedAsync(await ScanAsync());
        // The general allowance is untouched by the scans, and the scans by it.
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Request(HttpMethod.Get, "/api/auth/me", token))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Request(HttpMethod.Get, "/api/auth/me", token))).StatusCode);
        await AssertRateLimitedAsync(await client.SendAsync(Request(HttpMethod.Get, "/api/auth/me", token)));
    }

    private EventBookingApiFactory LimitedFactory(int permitsPerMinute, int checkInPermitsPerMinute = 1200) => new(Database, new Dictionary<string, string?>
    {
        ["RateLimiting:Enabled"] = "true",
        ["RateLimiting:AuthPermitsPerMinute"] = "100",
        ["RateLimiting:PermitsPerMinute"] = permitsPerMinute.ToString(CultureInfo.InvariantCulture),
        ["RateLimiting:CheckInPermitsPerMinute"] = checkInPermitsPerMinute.ToString(CultureInfo.InvariantCulture),
    });

    private static async Task AssertRateLimitedAsync(HttpResponseMessage response)
    {
        await AssertErrorAsync(response, HttpStatusCode.TooManyRequests, "RATE_LIMITED");
        Assert.True(response.Headers.TryGetValues("Retry-After", out var values), "No Retry-After header");
        var seconds = int.Parse(Assert.Single(values), NumberStyles.None, CultureInfo.InvariantCulture);
        Assert.InRange(seconds, 1, 60);
    }
}
