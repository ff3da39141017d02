using System.Net;
using EventBooking.WebApi.IntegrationTests.Realtime;
using EventBooking.WebApi.IntegrationTests.Support;

namespace EventBooking.WebApi.IntegrationTests.Events;

/// <summary>
/// Anonymous event reads come from a short output cache (issue 7's read target); these tests pin what
/// that may and may not do: never serve one caller's view to another, never outlive a write made
/// through the API (this instance or another), and expire on its own.
/// </summary>
public sealed class EventReadCacheTests(DatabaseFixture database) : EventApiTest(database)
{
    protected override EventBookingApiFactory CreateFactory() => Cached(seconds: 30);

    [Fact]
    public async Task AnonymousReads_ShouldBeServedFromTheCacheUntilItExpires()
    {
        var id = await InsertEventAsync("Before");
        var first = await AssertSuccessAsync(await SendAsync(HttpMethod.Get, EventPath(id)), HttpStatusCode.OK);
        await ScalarAsync<int>("UPDATE events SET name = 'Changed behind the API' WHERE id = $1 RETURNING id", id);

        var second = await SendAsync(HttpMethod.Get, EventPath(id));

        var data = await AssertSuccessAsync(second, HttpStatusCode.OK);
        Assert.Equal("Before", data.GetProperty("name").GetString());
        Assert.Equal(first.GetRawText(), data.GetRawText());
        Assert.True(second.Headers.Age.HasValue, "a cached answer carries an Age header");
        Assert.Equal("nosniff", second.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task AnonymousReads_ShouldExpireAfterTheConfiguredSeconds()
    {
        await using var factory = Cached(seconds: 1);
        using var client = factory.CreateClient();
        var id = await InsertEventAsync("Before");
        await client.GetAsync(new Uri(EventPath(id), UriKind.Relative));
        await ScalarAsync<int>("UPDATE events SET name = 'After' WHERE id = $1 RETURNING id", id);

        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var data = await AssertSuccessAsync(await client.GetAsync(new Uri(EventPath(id), UriKind.Relative)), HttpStatusCode.OK);

        Assert.Equal("After", data.GetProperty("name").GetString());
    }

    [Fact]
    public async Task ABookingThroughTheApi_ShouldReachAnonymousReadsWithinTheSeatChangeWindow()
    {
        var id = await InsertEventAsync(seatCapacity: 50);
        var (_, buyer) = await CreateUserAsync("buyer@example.com");
        await SendAsync(HttpMethod.Get, EventPath(id));
        await SendAsync(HttpMethod.Get, Events + "?upcoming=true");

        await AssertSuccessAsync(await SendAsync(HttpMethod.Post, "/api/bookings", buyer, new { eventId = id }), HttpStatusCode.Created);

        // Seat changes empty the cache at most every 100 ms (and always at the end of that window); the
        // generous deadline is for a busy runner, not part of the promise.
        Assert.Equal(49, await EventuallyAsync(EventPath(id), data => data.GetProperty("availableSeats").GetInt32(), 49));
        Assert.Equal(49, await EventuallyAsync(Events + "?upcoming=true", data => data.GetProperty("events")[0].GetProperty("availableSeats").GetInt32(), 49));
    }

    [Fact]
    public async Task ManyBookingsInARow_ShouldAllReachAnonymousReadsByTheEndOfTheLastWindow()
    {
        var id = await InsertEventAsync(seatCapacity: 50);
        await SendAsync(HttpMethod.Get, EventPath(id));
        for (var i = 0; i < 10; i++)
        {
            var (_, buyer) = await CreateUserAsync($"buyer{i}@example.com");
            await AssertSuccessAsync(await SendAsync(HttpMethod.Post, "/api/bookings", buyer, new { eventId = id }), HttpStatusCode.Created);
            await SendAsync(HttpMethod.Get, EventPath(id)); // refills the cache between bookings
        }

        Assert.Equal(40, await EventuallyAsync(EventPath(id), data => data.GetProperty("availableSeats").GetInt32(), 40));
    }

    [Fact]
    public async Task AnEventWriteThroughTheApi_ShouldShowInTheNextAnonymousReadsAtOnce()
    {
        var (_, admin) = await CreateUserAsync("admin@example.com", "admin");
        var id = await InsertEventAsync("Before");
        await SendAsync(HttpMethod.Get, EventPath(id));

        await AssertSuccessAsync(await SendAsync(HttpMethod.Put, EventPath(id), admin, new { name = "After" }), HttpStatusCode.OK);

        var data = await AssertSuccessAsync(await SendAsync(HttpMethod.Get, EventPath(id)), HttpStatusCode.OK);
        Assert.Equal("After", data.GetProperty("name").GetString());
    }

    [Fact]
    public async Task AFailedWrite_ShouldLeaveTheCacheAlone()
    {
        var (_, user) = await CreateUserAsync("user@example.com");
        var id = await InsertEventAsync("Before");
        await SendAsync(HttpMethod.Get, EventPath(id));
        await ScalarAsync<int>("UPDATE events SET name = 'Changed behind the API' WHERE id = $1 RETURNING id", id);

        await AssertErrorAsync(await SendAsync(HttpMethod.Put, EventPath(id), user, new { name = "Nope" }), HttpStatusCode.Forbidden, "FORBIDDEN");

        var data = await AssertSuccessAsync(await SendAsync(HttpMethod.Get, EventPath(id)), HttpStatusCode.OK);
        Assert.Equal("Before", data.GetProperty("name").GetString());
    }

    [Fact]
    public async Task AnAdminsRead_ShouldNeitherComeFromNorGoIntoTheCache()
    {
        var (adminId, admin) = await CreateUserAsync("admin@example.com", "admin", "Ada Admin");
        var id = await InsertEventAsync(createdBy: adminId);
        var anonymous = await AssertSuccessAsync(await SendAsync(HttpMethod.Get, EventPath(id)), HttpStatusCode.OK);

        var asAdmin = await AssertSuccessAsync(await SendAsync(HttpMethod.Get, EventPath(id), admin), HttpStatusCode.OK);
        var anonymousAgain = await AssertSuccessAsync(await SendAsync(HttpMethod.Get, EventPath(id)), HttpStatusCode.OK);

        Assert.False(anonymous.GetProperty("creator").TryGetProperty("email", out _));
        Assert.Equal("admin@example.com", asAdmin.GetProperty("creator").GetProperty("email").GetString());
        Assert.False(anonymousAgain.GetProperty("creator").TryGetProperty("email", out _));
    }

    [Fact]
    public async Task ABookingOnAnotherInstance_ShouldReachThisInstancesAnonymousReadsSoon()
    {
        await using var other = Cached(seconds: 30);
        using var otherClient = other.CreateClient();
        await RealtimeSocket.WaitForListenerAsync(Factory);
        var id = await InsertEventAsync(seatCapacity: 50);
        var (_, buyer) = await CreateUserAsync("buyer@example.com");
        await SendAsync(HttpMethod.Get, EventPath(id));

        using var booking = Request(HttpMethod.Post, "/api/bookings", buyer, new { eventId = id });
        await AssertSuccessAsync(await otherClient.SendAsync(booking), HttpStatusCode.Created);

        var deadline = DateTime.UtcNow.AddSeconds(5);
        int seats;
        do
        {
            await Task.Delay(20);
            var data = await AssertSuccessAsync(await SendAsync(HttpMethod.Get, EventPath(id)), HttpStatusCode.OK);
            seats = data.GetProperty("availableSeats").GetInt32();
        }
        while (seats != 49 && DateTime.UtcNow < deadline);

        Assert.Equal(49, seats);
    }

    /// <summary>Reads <paramref name="path"/> anonymously until <paramref name="read"/> gives <paramref name="expected"/> (at most 5 s); returns the last value.</summary>
    private async Task<int> EventuallyAsync(string path, Func<System.Text.Json.JsonElement, int> read, int expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (true)
        {
            var value = read(await AssertSuccessAsync(await SendAsync(HttpMethod.Get, path), HttpStatusCode.OK));
            if (value == expected || DateTime.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(20);
        }
    }

    private EventBookingApiFactory Cached(int seconds) => new(Database, new Dictionary<string, string?>
    {
        ["Caching:EventReadSeconds"] = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });
}
