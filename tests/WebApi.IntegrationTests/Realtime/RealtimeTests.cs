using System.Net;
using EventBooking.TestSupport;
using EventBooking.WebApi.IntegrationTests.Support;
using EventBooking.WebApi.Realtime;
using Microsoft.Extensions.DependencyInjection;

namespace EventBooking.WebApi.IntegrationTests.Realtime;

/// <summary>Contract section 6 through the in-memory server: authentication, every message type, subscriptions, cleanup.</summary>
public sealed class RealtimeTests(DatabaseFixture database) : ApiTest(database)
{
    private async Task<int> InsertEventAsync(int seats) =>
        await ScalarAsync<int>(
            "INSERT INTO events (name, event_date, seat_capacity, available_seats) VALUES ('Live', timezone('utc', now()) + interval '7 days', $1, $1) RETURNING id",
            seats);

    [Fact]
    public async Task Connect_WithoutAToken_ShouldBeRefusedWith401BeforeAnyUpgrade()
    {
        var response = await Client.GetAsync(new Uri("/ws", UriKind.Relative));
        await AssertErrorAsync(response, HttpStatusCode.Unauthorized, "UNAUTHORIZED");

        var refused = await Assert.ThrowsAnyAsync<InvalidOperationException>(() => RealtimeSocket.ConnectAsync(Factory, "/ws/events/1"));
        Assert.Contains("401", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("eyJhbGciOiJub25lIn0.eyJpZCI6MX0.")]
    public async Task Connect_WithABadToken_ShouldBeRefused(string token)
    {
        var refused = await Assert.ThrowsAnyAsync<InvalidOperationException>(() => RealtimeSocket.ConnectAsync(Factory, $"/ws?token={token}"));

        Assert.Contains("401", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_WithATokenOfADeletedUser_ShouldBeRefused()
    {
        var (userId, token) = await CreateUserAsync("gone@example.com");
        await ScalarAsync<int>("WITH d AS (DELETE FROM users WHERE id = $1 RETURNING 1) SELECT count(*)::int FROM d", userId);

        await Assert.ThrowsAnyAsync<InvalidOperationException>(() => RealtimeSocket.ConnectAsync(Factory, $"/ws?token={token}"));
    }

    [Fact]
    public async Task Connect_ToAnEvent_ShouldAnnounceTheConnectionAndTheSubscription()
    {
        var (_, token) = await CreateUserAsync("fan@example.com");
        await using var socket = await RealtimeSocket.ConnectAsync(Factory, $"/ws/events/7?token={token}");

        var established = await socket.ReceiveTypeAsync("connection_established");
        var subscribed = await socket.ReceiveTypeAsync("subscribed");

        Assert.False(string.IsNullOrEmpty(established.GetProperty("clientId").GetString()));
        Assert.Equal(7, established.GetProperty("eventId").GetInt32());
        Assert.Equal(7, subscribed.GetProperty("eventId").GetInt32());
    }

    [Fact]
    public async Task Messages_ShouldAnswerPingStatsAndErrorsAsTheContractSays()
    {
        var (_, token) = await CreateUserAsync("fan@example.com");
        await using var socket = await RealtimeSocket.ConnectAsync(Factory, $"/ws?token={token}");
        var established = await socket.ReceiveTypeAsync("connection_established");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, established.GetProperty("eventId").ValueKind);

        await socket.SendAsync(new { type = "ping" });
        await socket.ReceiveTypeAsync("pong");

        await socket.SendAsync(new { type = "subscribe_event", eventId = 3 });
        Assert.Equal(3, (await socket.ReceiveTypeAsync("subscribed")).GetProperty("eventId").GetInt32());

        await socket.SendAsync(new { type = "get_stats" });
        var stats = (await socket.ReceiveTypeAsync("stats")).GetProperty("data");
        Assert.Equal(1, stats.GetProperty("totalClients").GetInt32());
        Assert.Equal(1, stats.GetProperty("eventSubscriptions").GetInt32());

        await socket.SendAsync(new { type = "unsubscribe_event", eventId = 3 });
        Assert.Equal(3, (await socket.ReceiveTypeAsync("unsubscribed")).GetProperty("eventId").GetInt32());

        await socket.SendAsync(new { type = "dance" });
        Assert.Equal("Unknown message type", (await socket.ReceiveTypeAsync("error")).GetProperty("message").GetString());

        await socket.SendTextAsync("this is not json");
        Assert.Equal("Invalid message format", (await socket.ReceiveTypeAsync("error")).GetProperty("message").GetString());

        await socket.SendAsync(new { type = "subscribe_event", eventId = "seven" });
        Assert.Equal("eventId must be a positive integer", (await socket.ReceiveTypeAsync("error")).GetProperty("message").GetString());
    }

    [Fact]
    public async Task Broadcasts_ShouldReachEverySubscriptionOfASocketWithTheSeatsAfterEachChange()
    {
        await RealtimeSocket.WaitForListenerAsync(Factory);
        var first = await InsertEventAsync(seats: 10);
        var second = await InsertEventAsync(seats: 20);
        var (_, buyer) = await CreateUserAsync("buyer@example.com");
        await using var socket = await RealtimeSocket.ConnectAsync(Factory, $"/ws/events/{first}?token={buyer}");
        await socket.ReceiveTypeAsync("connection_established");
        await socket.ReceiveTypeAsync("subscribed");
        await socket.SendAsync(new { type = "subscribe_event", eventId = second });
        await socket.ReceiveTypeAsync("subscribed");

        await AssertSuccessAsync(await SendAsync(HttpMethod.Post, "/api/bookings", buyer, new { eventId = first }), HttpStatusCode.Created);
        var created = await socket.ReceiveTypeAsync("booking_created");
        Assert.Equal(first, created.GetProperty("eventId").GetInt32());
        Assert.Equal(9, created.GetProperty("availableSeats").GetInt32());

        var booked = await AssertSuccessAsync(await SendAsync(HttpMethod.Post, "/api/bookings", buyer, new { eventId = second }), HttpStatusCode.Created);
        Assert.Equal(19, (await socket.ReceiveTypeAsync("booking_created")).GetProperty("availableSeats").GetInt32());

        await AssertSuccessMessageAsync(await SendAsync(HttpMethod.Delete, $"/api/bookings/{booked.GetProperty("bookingId").GetString()}", buyer));
        var cancelled = await socket.ReceiveTypeAsync("booking_cancelled");
        Assert.Equal(second, cancelled.GetProperty("eventId").GetInt32());
        Assert.Equal(20, cancelled.GetProperty("availableSeats").GetInt32());
    }

    [Fact]
    public async Task CapacityChange_ShouldBroadcastSeatUpdateWithTheCapacity()
    {
        await RealtimeSocket.WaitForListenerAsync(Factory);
        var (_, admin) = await CreateUserAsync("admin@example.com", role: "admin");
        var eventId = await InsertEventAsync(seats: 10);
        await using var socket = await RealtimeSocket.ConnectAsync(Factory, $"/ws/events/{eventId}?token={admin}");
        await socket.ReceiveTypeAsync("connection_established");
        await socket.ReceiveTypeAsync("subscribed");

        await AssertSuccessAsync(await SendAsync(HttpMethod.Put, $"/api/events/{eventId}", admin, new { seatCapacity = 25 }), HttpStatusCode.OK);

        var update = await socket.ReceiveTypeAsync("seat_update");
        Assert.Equal(25, update.GetProperty("availableSeats").GetInt32());
        Assert.Equal(25, update.GetProperty("seatCapacity").GetInt32());
    }

    [Fact]
    public async Task Unsubscribing_ShouldStopThatEventsBroadcasts()
    {
        await RealtimeSocket.WaitForListenerAsync(Factory);
        var quiet = await InsertEventAsync(seats: 10);
        var loud = await InsertEventAsync(seats: 10);
        var (_, buyer) = await CreateUserAsync("buyer@example.com");
        await using var socket = await RealtimeSocket.ConnectAsync(Factory, $"/ws/events/{quiet}?token={buyer}");
        await socket.ReceiveTypeAsync("connection_established");
        await socket.ReceiveTypeAsync("subscribed");
        await socket.SendAsync(new { type = "subscribe_event", eventId = loud });
        await socket.ReceiveTypeAsync("subscribed");
        await socket.SendAsync(new { type = "unsubscribe_event", eventId = quiet });
        await socket.ReceiveTypeAsync("unsubscribed");

        await SendAsync(HttpMethod.Post, "/api/bookings", buyer, new { eventId = quiet });
        await SendAsync(HttpMethod.Post, "/api/bookings", buyer, new { eventId = loud });

        // Changes arrive in commit order: the first broadcast must already be the loud event's.
        Assert.Equal(loud, (await socket.ReceiveTypeAsync("booking_created")).GetProperty("eventId").GetInt32());
    }

    [Fact]
    public async Task ClosingASocket_ShouldRemoveItAndAllItsSubscriptions()
    {
        var hub = Factory.Services.GetRequiredService<RealtimeSubscriptions>();
        var (_, token) = await CreateUserAsync("fan@example.com");
        var socket = await RealtimeSocket.ConnectAsync(Factory, $"/ws/events/1?token={token}");
        await socket.ReceiveTypeAsync("connection_established");
        await socket.ReceiveTypeAsync("subscribed");
        await socket.SendAsync(new { type = "subscribe_event", eventId = 2 });
        await socket.ReceiveTypeAsync("subscribed");
        Assert.Equal(1, hub.ClientCount);
        Assert.Equal(2, hub.SubscribedEventCount);

        await socket.DisposeAsync();

        await WaitUntilAsync(() => hub.ClientCount == 0 && hub.SubscribedEventCount == 0);
    }

    [Fact]
    public async Task Connect_BeyondThePerUserLimit_ShouldBeRefusedWith429()
    {
        var (_, token) = await CreateUserAsync("tabs@example.com");
        await using var factory = new EventBookingApiFactory(Database, new Dictionary<string, string?> { ["Realtime:MaxConnectionsPerUser"] = "2" });
        await using var first = await RealtimeSocket.ConnectAsync(factory, $"/ws?token={token}");
        await using var second = await RealtimeSocket.ConnectAsync(factory, $"/ws?token={token}");

        var refused = await Assert.ThrowsAnyAsync<InvalidOperationException>(() => RealtimeSocket.ConnectAsync(factory, $"/ws?token={token}"));

        Assert.Contains("429", refused.Message, StringComparison.Ordinal);
        await first.ReceiveTypeAsync("connection_established");
    }

    private static async Task AssertSuccessMessageAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await ReadJsonAsync(response)).GetProperty("success").GetBoolean());
    }

    private static Task WaitUntilAsync(Func<bool> condition) =>
        Eventually.WaitUntilAsync(condition, "condition not reached within 5 s");
}
