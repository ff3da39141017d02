using System.Net;
using System.Text.Json;
using EventBooking.WebApi.IntegrationTests.Support;

namespace EventBooking.WebApi.IntegrationTests.Waitlist;

/// <summary>Helpers for the waiting-list tests: events, bookings, entries, and the seat invariant with held seats.</summary>
public abstract class WaitlistTestBase(DatabaseFixture database) : ApiTest(database)
{
    protected Task<int> InsertEventAsync(int capacity, string interval = "7 days") =>
        ScalarAsync<int>(
            $"INSERT INTO events (name, event_date, seat_capacity, available_seats) VALUES ('Popular', timezone('utc', now()) + interval '{interval}', $1, $1) RETURNING id",
            capacity);

    protected async Task<string> BookAsync(int eventId, string token)
    {
        var data = await AssertSuccessAsync(await SendAsync(HttpMethod.Post, "/api/bookings", token, new { eventId }), HttpStatusCode.Created);
        return data.GetProperty("bookingId").GetString()!;
    }

    protected async Task CancelAsync(string bookingId, string token)
    {
        var response = await SendAsync(HttpMethod.Delete, $"/api/bookings/{bookingId}", token);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    protected async Task<JsonElement> JoinAsync(int eventId, string token) =>
        await AssertSuccessAsync(await SendAsync(HttpMethod.Post, $"/api/events/{eventId}/waitlist", token), HttpStatusCode.Created);

    protected async Task<JsonElement> MineAsync(int eventId, string token) =>
        await AssertSuccessAsync(await SendAsync(HttpMethod.Get, $"/api/events/{eventId}/waitlist/me", token), HttpStatusCode.OK);

    /// <summary>A sold-out event of <paramref name="capacity"/> seats (booked by users holder0..) and <paramref name="waiting"/> users queued in order.</summary>
    protected async Task<(int EventId, List<(string BookingId, string Token)> Holders, List<(int Id, string Token)> Queue)> SoldOutWithQueueAsync(
        int capacity, int waiting)
    {
        var eventId = await InsertEventAsync(capacity);
        var holders = new List<(string, string)>();
        for (var i = 0; i < capacity; i++)
        {
            var (_, token) = await CreateUserAsync($"holder{i}@example.com");
            holders.Add((await BookAsync(eventId, token), token));
        }

        var queue = new List<(int, string)>();
        for (var i = 0; i < waiting; i++)
        {
            var user = await CreateUserAsync($"waiter{i}@example.com", name: $"Waiter {i}");
            await JoinAsync(eventId, user.Token);
            queue.Add(user);
        }

        return (eventId, holders, queue);
    }

    /// <summary>available_seats + confirmed + held = seat_capacity, and no seat counts negative.</summary>
    protected async Task AssertSeatsBalanceAsync(int eventId)
    {
        var balanced = await ScalarAsync<bool>(
            """
            SELECT e.available_seats >= 0 AND e.available_seats
                 + (SELECT count(*) FROM bookings b WHERE b.event_id = e.id AND b.status = 'confirmed')
                 + (SELECT count(*) FROM waitlist_entries w WHERE w.event_id = e.id AND w.status = 'offered') = e.seat_capacity
            FROM events e WHERE e.id = $1
            """,
            eventId);
        Assert.True(balanced, "available_seats + confirmed + held != seat_capacity");
    }

    protected Task<long> CountAsync(string status, int eventId) =>
        ScalarAsync<long>("SELECT count(*) FROM waitlist_entries WHERE event_id = $1 AND status = $2", eventId, status);
}
