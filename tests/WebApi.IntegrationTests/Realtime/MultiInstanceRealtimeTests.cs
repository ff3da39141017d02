using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using EventBooking.Infrastructure.Realtime;
using EventBooking.TestSupport;
using EventBooking.WebApi.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace EventBooking.WebApi.IntegrationTests.Realtime;

/// <summary>Two API instances on one database: a change made through A reaches sockets on B (PostgreSQL NOTIFY/LISTEN).</summary>
public sealed class MultiInstanceRealtimeTests(DatabaseFixture database) : ApiTest(database)
{
    [Fact]
    public async Task BookingThroughInstanceA_ShouldReachASocketOnInstanceBWithinOneSecond()
    {
        await using var instanceB = new EventBookingApiFactory(Database);
        _ = instanceB.Server;
        await RealtimeSocket.WaitForListenerAsync(instanceB);
        var eventId = await ScalarAsync<int>(
            "INSERT INTO events (name, event_date, seat_capacity, available_seats) VALUES ('Hot', timezone('utc', now()) + interval '1 day', 50, 50) RETURNING id");
        var (_, buyer) = await CreateUserAsync("buyer@example.com");
        await using var onB = await RealtimeSocket.ConnectAsync(instanceB, $"/ws/events/{eventId}?token={buyer}");
        await onB.ReceiveTypeAsync("connection_established");
        await onB.ReceiveTypeAsync("subscribed");

        await AssertSuccessAsync(await SendAsync(HttpMethod.Post, "/api/bookings", buyer, new { eventId }), HttpStatusCode.Created);
        // Measured from the 201 (the commit), not from the request: how long the POST itself takes on a
        // busy runner is not what this test is about. The message may already be waiting.
        var clock = Stopwatch.StartNew();
        var message = await onB.ReceiveTypeAsync("booking_created", TimeSpan.FromSeconds(1));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"took {clock.ElapsedMilliseconds} ms after the commit");
        Assert.Equal(eventId, message.GetProperty("eventId").GetInt32());
        Assert.Equal(49, message.GetProperty("availableSeats").GetInt32());
    }

    [Fact]
    public async Task WhenTheListenersDatabaseConnectionIsKilled_ItShouldReconnectAndMessagesShouldFlowAgain()
    {
        await RealtimeSocket.WaitForListenerAsync(Factory);
        var eventId = await ScalarAsync<int>(
            "INSERT INTO events (name, event_date, seat_capacity, available_seats) VALUES ('Hot', timezone('utc', now()) + interval '1 day', 50, 50) RETURNING id");
        var (_, watcher) = await CreateUserAsync("watcher@example.com");
        await using var socket = await RealtimeSocket.ConnectAsync(Factory, $"/ws/events/{eventId}?token={watcher}");
        await socket.ReceiveTypeAsync("connection_established");
        await socket.ReceiveTypeAsync("subscribed");

        // What a PostgreSQL restart does to the listener: its server process goes away.
        var listener = Factory.Services.GetRequiredService<PostgresSeatChangeListener>();
        var killed = await ScalarAsync<long>(
            """
            SELECT count(*) FROM (
                SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                WHERE datname = current_database() AND application_name = $1) AS t
            """,
            PostgresSeatChangeListener.ApplicationName);
        Assert.Equal(1, killed);
        await Eventually.WaitUntilAsync(() => !listener.IsListening, "the listener did not notice its connection was killed", TimeSpan.FromSeconds(10));

        // Back, it first sends what it may have missed (nothing changed: still 50), then hears bookings again.
        var catchUp = await socket.ReceiveTypeAsync("seat_update", TimeSpan.FromSeconds(10));
        Assert.Equal(50, catchUp.GetProperty("availableSeats").GetInt32());
        var (_, buyer) = await CreateUserAsync("buyer@example.com");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/bookings", UriKind.Relative))
        {
            Content = JsonContent.Create(new { eventId }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", buyer);
        Assert.Equal(HttpStatusCode.Created, (await Client.SendAsync(request)).StatusCode);
        Assert.Equal(49, (await socket.ReceiveTypeAsync("booking_created")).GetProperty("availableSeats").GetInt32());
    }
}
