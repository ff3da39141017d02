using System.Net;
using EventBooking.Infrastructure.Realtime;
using EventBooking.TestSupport;
using EventBooking.WebApi.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace EventBooking.WebApi.IntegrationTests.Realtime;

/// <summary>
/// A change committed while the seat-change listener is disconnected is never NOTIFYed to it. When it is back it
/// sends every followed event's current seats (<c>seat_update</c>) and empties the read cache, so neither browsers
/// nor anonymous reads stay behind after a PostgreSQL restart (build/chaos.sh scenario 2).
/// The change here is a plain UPDATE, which notifies nobody: only the catch-up can carry it.
/// </summary>
public sealed class ListenerCatchUpTests(DatabaseFixture database) : ApiTest(database)
{
    protected override EventBookingApiFactory CreateFactory() => new(Database, new Dictionary<string, string?> { ["Caching:EventReadSeconds"] = "60" });

    [Fact]
    public async Task AfterTheListenerReconnects_WatchersShouldGetTheSeatsTheyMissed()
    {
        await RealtimeSocket.WaitForListenerAsync(Factory);
        var eventId = await InsertEventAsync();
        var (_, watcher) = await CreateUserAsync("watcher@example.com");
        await using var socket = await RealtimeSocket.ConnectAsync(Factory, $"/ws/events/{eventId}?token={watcher}");
        await socket.ReceiveTypeAsync("connection_established");
        await socket.ReceiveTypeAsync("subscribed");

        await DropListenerConnectionAsync();
        await ScalarAsync<int>("UPDATE events SET available_seats = 7 WHERE id = $1 RETURNING available_seats", eventId);

        var update = await socket.ReceiveTypeAsync("seat_update", TimeSpan.FromSeconds(10));
        Assert.Equal(eventId, update.GetProperty("eventId").GetInt32());
        Assert.Equal(7, update.GetProperty("availableSeats").GetInt32());
        Assert.Equal(10, update.GetProperty("seatCapacity").GetInt32());
    }

    [Fact]
    public async Task AfterTheListenerReconnects_ACachedReadShouldNotOutliveTheGap()
    {
        await RealtimeSocket.WaitForListenerAsync(Factory);
        var eventId = await InsertEventAsync();
        Assert.Equal(10, await AnonymousSeatsAsync(eventId));
        await ScalarAsync<int>("UPDATE events SET available_seats = 7 WHERE id = $1 RETURNING available_seats", eventId);
        Assert.Equal(10, await AnonymousSeatsAsync(eventId)); // cached: nothing told this instance

        await DropListenerConnectionAsync();
        await RealtimeSocket.WaitForListenerAsync(Factory);

        var deadline = DateTime.UtcNow.AddSeconds(5);
        int seats;
        while ((seats = await AnonymousSeatsAsync(eventId)) != 7 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.Equal(7, seats);
    }

    /// <summary>What a PostgreSQL restart does to the listener, without touching the test's own connections.</summary>
    private async Task DropListenerConnectionAsync()
    {
        var listener = Factory.Services.GetRequiredService<PostgresSeatChangeListener>();
        Assert.True(listener.IsListening);
        var dropped = await ScalarAsync<long>(
            "SELECT count(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1) AS t",
            PostgresSeatChangeListener.ApplicationName);
        Assert.Equal(1, dropped);
        await Eventually.WaitUntilAsync(() => !listener.IsListening, "the listener did not notice its connection was dropped", TimeSpan.FromSeconds(10));
    }

    private async Task<int> AnonymousSeatsAsync(int eventId)
    {
        var data = await AssertSuccessAsync(await Client.GetAsync(new Uri($"/api/events/{eventId}", UriKind.Relative)), HttpStatusCode.OK);
        return data.GetProperty("availableSeats").GetInt32();
    }

    private Task<int> InsertEventAsync() =>
        ScalarAsync<int>(
            """
            INSERT INTO events (name, event_date, seat_capacity, available_seats)
            VALUES ('Watched', timezone('utc', now()) + interval '7 days', 10, 10) RETURNING id
            """);
}
