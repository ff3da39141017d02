using System.Net;
using EventBooking.Infrastructure.Seats;
using EventBooking.WebApi.IntegrationTests.Realtime;
using EventBooking.WebApi.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace EventBooking.WebApi.IntegrationTests.Waitlist;

/// <summary>Joining, offers on freed seats, accepting, leaving, the list, the audit trail (issue 14, docs/adr/0016).</summary>
public sealed class WaitlistTests(DatabaseFixture database) : WaitlistTestBase(database)
{
    [Fact]
    public async Task Join_WhenSoldOut_ShouldQueueInJoinOrder()
    {
        var (eventId, _, queue) = await SoldOutWithQueueAsync(capacity: 1, waiting: 2);
        var (_, third) = await CreateUserAsync("third@example.com");

        var joined = await JoinAsync(eventId, third);

        Assert.Equal(eventId, joined.GetProperty("eventId").GetInt32());
        Assert.Equal("waiting", joined.GetProperty("status").GetString());
        Assert.Equal(3, joined.GetProperty("position").GetInt32());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, joined.GetProperty("offerExpiresAt").ValueKind);
        Assert.False(joined.TryGetProperty("history", out _)); // only in the answers that read it
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$", joined.GetProperty("joinedAt").GetString());
        Assert.Equal(1, (await MineAsync(eventId, queue[0].Token)).GetProperty("position").GetInt32());
        Assert.Equal(2, (await MineAsync(eventId, queue[1].Token)).GetProperty("position").GetInt32());
    }

    [Fact]
    public async Task Join_WhenRefused_ShouldAnswerTheEnvelopeAndChangeNothing()
    {
        var (eventId, holders, queue) = await SoldOutWithQueueAsync(capacity: 1, waiting: 1);
        var freeEvent = await InsertEventAsync(5);
        var startedEvent = await ScalarAsync<int>(
            "INSERT INTO events (name, event_date, seat_capacity, available_seats) VALUES ('Past', timezone('utc', now()) - interval '1 hour', 1, 0) RETURNING id");
        var (_, stranger) = await CreateUserAsync("stranger@example.com");
        var before = await ScalarAsync<long>("SELECT count(*) FROM waitlist_entries");

        await AssertErrorAsync(await SendAsync(HttpMethod.Post, $"/api/events/{freeEvent}/waitlist", stranger), HttpStatusCode.Conflict, "BOOKING_CONFLICT");
        await AssertErrorAsync(await SendAsync(HttpMethod.Post, $"/api/events/{eventId}/waitlist", holders[0].Token), HttpStatusCode.Conflict, "BOOKING_CONFLICT");
        await AssertErrorAsync(await SendAsync(HttpMethod.Post, $"/api/events/{eventId}/waitlist", queue[0].Token), HttpStatusCode.Conflict, "BOOKING_CONFLICT");
        await AssertErrorAsync(await SendAsync(HttpMethod.Post, $"/api/events/{startedEvent}/waitlist", stranger), HttpStatusCode.Conflict, "BOOKING_CONFLICT");
        await AssertErrorAsync(await SendAsync(HttpMethod.Post, "/api/events/999999/waitlist", stranger), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertErrorAsync(await SendAsync(HttpMethod.Post, "/api/events/abc/waitlist", stranger), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await AssertErrorAsync(await SendAsync(HttpMethod.Post, "/api/events/0/waitlist", stranger), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(HttpMethod.Post, $"/api/events/{eventId}/waitlist")).StatusCode);

        Assert.Equal(before, await ScalarAsync<long>("SELECT count(*) FROM waitlist_entries"));
    }

    [Fact]
    public async Task ACancellation_ShouldHoldTheSeatForTheFirstInLine_NotForAnyoneElse()
    {
        var (eventId, holders, queue) = await SoldOutWithQueueAsync(capacity: 2, waiting: 2);
        var (_, stranger) = await CreateUserAsync("stranger@example.com");

        await CancelAsync(holders[0].BookingId, holders[0].Token);

        var offered = await MineAsync(eventId, queue[0].Token);
        Assert.Equal("offered", offered.GetProperty("status").GetString());
        var expires = offered.GetProperty("offerExpiresAt").GetDateTime();
        Assert.InRange(expires, DateTime.UtcNow.AddSeconds(880), DateTime.UtcNow.AddSeconds(905));
        Assert.Equal(1, (await MineAsync(eventId, queue[1].Token)).GetProperty("position").GetInt32());
        var shown = await AssertSuccessAsync(await SendAsync(HttpMethod.Get, $"/api/events/{eventId}"), HttpStatusCode.OK);
        Assert.Equal(0, shown.GetProperty("availableSeats").GetInt32());
        await AssertErrorAsync(await SendAsync(HttpMethod.Post, "/api/bookings", stranger, new { eventId }), HttpStatusCode.Conflict, "BOOKING_CONFLICT");
        await AssertSeatsBalanceAsync(eventId);
    }

    [Fact]
    public async Task Accept_ShouldBookTheHeldSeatLikeABooking()
    {
        var (eventId, holders, queue) = await SoldOutWithQueueAsync(capacity: 1, waiting: 1);
        await CancelAsync(holders[0].BookingId, holders[0].Token);

        var booked = await AssertSuccessAsync(
            await SendAsync(HttpMethod.Post, $"/api/events/{eventId}/waitlist/accept", queue[0].Token), HttpStatusCode.Created);

        var bookingId = booked.GetProperty("bookingId").GetString()!;
        Assert.Matches("^BK-", bookingId);
        Assert.Equal("confirmed", booked.GetProperty("status").GetString());
        Assert.Equal(0, booked.GetProperty("event").GetProperty("availableSeats").GetInt32());
        Assert.Equal(1, await ScalarAsync<long>(
            "SELECT count(*) FROM booking_logs WHERE booking_id = $1 AND action = 'created' AND user_id = $2", bookingId, queue[0].Id));
        var mine = await MineAsync(eventId, queue[0].Token);
        Assert.Equal("accepted", mine.GetProperty("status").GetString());
        Assert.Equal(bookingId, mine.GetProperty("bookingId").GetString());
        Assert.Equal(["joined", "offered", "accepted"], mine.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("action").GetString()));
        await AssertErrorAsync(
            await SendAsync(HttpMethod.Post, $"/api/events/{eventId}/waitlist/accept", queue[0].Token), HttpStatusCode.Conflict, "BOOKING_CONFLICT");
        await AssertSeatsBalanceAsync(eventId);
    }

    [Fact]
    public async Task Accept_WithoutALiveOffer_ShouldAnswer409AndBookNothing()
    {
        var (eventId, _, queue) = await SoldOutWithQueueAsync(capacity: 1, waiting: 1);
        var (_, stranger) = await CreateUserAsync("stranger@example.com");

        await AssertErrorAsync(
            await SendAsync(HttpMethod.Post, $"/api/events/{eventId}/waitlist/accept", queue[0].Token), HttpStatusCode.Conflict, "BOOKING_CONFLICT");
        await AssertErrorAsync(
            await SendAsync(HttpMethod.Post, $"/api/events/{eventId}/waitlist/accept", stranger), HttpStatusCode.Conflict, "BOOKING_CONFLICT");
        await AssertErrorAsync(await SendAsync(HttpMethod.Post, "/api/events/999999/waitlist/accept", stranger), HttpStatusCode.NotFound, "NOT_FOUND");

        Assert.Equal(1, await ScalarAsync<long>("SELECT count(*) FROM bookings WHERE event_id = $1", eventId));
        await AssertSeatsBalanceAsync(eventId);
    }

    [Fact]
    public async Task LeavingWithAnOffer_ShouldDeclineIt_AndPassTheSeatOn()
    {
        var (eventId, holders, queue) = await SoldOutWithQueueAsync(capacity: 1, waiting: 3);
        await CancelAsync(holders[0].BookingId, holders[0].Token);

        var left = await ReadJsonAsync(await SendAsync(HttpMethod.Delete, $"/api/events/{eventId}/waitlist", queue[0].Token));

        Assert.Contains("declined", left.GetProperty("message").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("declined", (await MineAsync(eventId, queue[0].Token)).GetProperty("status").GetString());
        Assert.Equal("offered", (await MineAsync(eventId, queue[1].Token)).GetProperty("status").GetString());
        Assert.Equal(1, (await MineAsync(eventId, queue[2].Token)).GetProperty("position").GetInt32());
        await AssertSeatsBalanceAsync(eventId);
    }

    [Fact]
    public async Task LeavingWhileWaiting_ShouldMoveEveryoneBehindUp_AndAllowJoiningAgainAtTheBack()
    {
        var (eventId, _, queue) = await SoldOutWithQueueAsync(capacity: 1, waiting: 3);

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Delete, $"/api/events/{eventId}/waitlist", queue[0].Token)).StatusCode);

        Assert.Equal("left", (await MineAsync(eventId, queue[0].Token)).GetProperty("status").GetString());
        Assert.Equal(1, (await MineAsync(eventId, queue[1].Token)).GetProperty("position").GetInt32());
        Assert.Equal(3, (await JoinAsync(eventId, queue[0].Token)).GetProperty("position").GetInt32());
        await AssertErrorAsync(await SendAsync(HttpMethod.Delete, "/api/events/999999/waitlist", queue[0].Token), HttpStatusCode.NotFound, "NOT_FOUND");
        var (_, stranger) = await CreateUserAsync("stranger@example.com");
        await AssertErrorAsync(await SendAsync(HttpMethod.Delete, $"/api/events/{eventId}/waitlist", stranger), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertErrorAsync(await SendAsync(HttpMethod.Get, $"/api/events/{eventId}/waitlist/me", stranger), HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task ACapacityIncrease_ShouldOfferTheNewSeatsInOrder()
    {
        var (eventId, _, queue) = await SoldOutWithQueueAsync(capacity: 1, waiting: 3);
        var (_, admin) = await CreateUserAsync("admin@example.com", "admin");

        await AssertSuccessAsync(await SendAsync(HttpMethod.Put, $"/api/events/{eventId}", admin, new { seatCapacity = 3 }), HttpStatusCode.OK);

        Assert.Equal("offered", (await MineAsync(eventId, queue[0].Token)).GetProperty("status").GetString());
        Assert.Equal("offered", (await MineAsync(eventId, queue[1].Token)).GetProperty("status").GetString());
        Assert.Equal("waiting", (await MineAsync(eventId, queue[2].Token)).GetProperty("status").GetString());
        await AssertSeatsBalanceAsync(eventId);
        // Held seats count as taken: the capacity cannot drop below confirmed + held.
        await AssertErrorAsync(await SendAsync(HttpMethod.Put, $"/api/events/{eventId}", admin, new { seatCapacity = 2 }), HttpStatusCode.Conflict, "CONFLICT");
    }

    [Fact]
    public async Task TheList_ShouldBeForTheCreatorOrAnAdmin_InQueueOrder()
    {
        var (eventId, holders, queue) = await SoldOutWithQueueAsync(capacity: 1, waiting: 3);
        await CancelAsync(holders[0].BookingId, holders[0].Token);
        var (_, admin) = await CreateUserAsync("admin@example.com", "admin");

        var page = await AssertSuccessAsync(await SendAsync(HttpMethod.Get, $"/api/events/{eventId}/waitlist?limit=2", admin), HttpStatusCode.OK);

        Assert.Equal(3, page.GetProperty("total").GetInt32());
        Assert.True(page.GetProperty("hasMore").GetBoolean());
        var entries = page.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(["waiter0@example.com", "waiter1@example.com"], entries.Select(e => e.GetProperty("userEmail").GetString()));
        Assert.Equal(["offered", "waiting"], entries.Select(e => e.GetProperty("status").GetString()));
        Assert.Equal("Waiter 0", entries[0].GetProperty("userName").GetString());
        await AssertErrorAsync(await SendAsync(HttpMethod.Get, $"/api/events/{eventId}/waitlist", queue[1].Token), HttpStatusCode.Forbidden, "FORBIDDEN");
        var trail = await AssertSuccessAsync(
            await SendAsync(HttpMethod.Get, $"/api/events/{eventId}/waitlist/history?userId={queue[0].Id}", admin), HttpStatusCode.OK);
        Assert.Equal(["joined", "offered"], trail.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("action").GetString()));
        await AssertErrorAsync(
            await SendAsync(HttpMethod.Get, $"/api/events/{eventId}/waitlist/history?userId={queue[0].Id}", queue[1].Token), HttpStatusCode.Forbidden, "FORBIDDEN");
        await AssertErrorAsync(await SendAsync(HttpMethod.Get, $"/api/events/{eventId}/waitlist/history", admin), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await AssertErrorAsync(await SendAsync(HttpMethod.Get, $"/api/events/{eventId}/waitlist?limit=0", admin), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Fact]
    public async Task TheAuditTrail_ShouldBeAppendOnly()
    {
        var (eventId, _, _) = await SoldOutWithQueueAsync(capacity: 1, waiting: 1);
        Assert.Equal(1, await ScalarAsync<long>("SELECT count(*) FROM waitlist_logs WHERE event_id = $1 AND action = 'joined'", eventId));

        await Assert.ThrowsAsync<Npgsql.PostgresException>(() => ScalarAsync<long>("WITH d AS (DELETE FROM waitlist_logs RETURNING 1) SELECT count(*) FROM d"));
        await Assert.ThrowsAsync<Npgsql.PostgresException>(() => ScalarAsync<long>("WITH u AS (UPDATE waitlist_logs SET action = 'x' RETURNING 1) SELECT count(*) FROM u"));
    }

    [Fact]
    public async Task TheOfferedUser_ShouldBeToldOverTheirOpenSockets()
    {
        var (eventId, holders, queue) = await SoldOutWithQueueAsync(capacity: 1, waiting: 2);
        await RealtimeSocket.WaitForListenerAsync(Factory);
        await using var first = await RealtimeSocket.ConnectAsync(Factory, $"/ws?token={queue[0].Token}");
        await first.ReceiveTypeAsync("connection_established");
        await using var second = await RealtimeSocket.ConnectAsync(Factory, $"/ws?token={queue[1].Token}");
        await second.ReceiveTypeAsync("connection_established");

        await CancelAsync(holders[0].BookingId, holders[0].Token);

        var offer = await first.ReceiveTypeAsync("waitlist_offer");
        Assert.Equal(eventId, offer.GetProperty("eventId").GetInt32());
        Assert.True(offer.GetProperty("offerExpiresAt").GetDateTime() > DateTime.UtcNow.AddMinutes(10));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second.ReceiveAsync(TimeSpan.FromMilliseconds(500)));
    }

    [Fact]
    public async Task TheWorker_ShouldOfferASeatFreedWithoutAnOffer_AndTwoWorkersShouldNeverOfferOneSeatTwice()
    {
        // The state a crash could leave if freeing and offering were two steps: free seats while people wait.
        var (eventId, _, queue) = await SoldOutWithQueueAsync(capacity: 3, waiting: 10);
        await ScalarAsync<int>("UPDATE bookings SET status = 'cancelled', cancelled_at = timezone('utc', now()) WHERE event_id = $1 RETURNING 1", eventId);
        await ScalarAsync<int>("UPDATE events SET available_seats = 3 WHERE id = $1 RETURNING 1", eventId);
        await using var other = new EventBookingApiFactory(Database);
        var workers = new[] { Factory.Services.GetRequiredService<WaitlistExpiryWorker>(), other.Services.GetRequiredService<WaitlistExpiryWorker>() };

        var rounds = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => workers[i % 2].RunOnceAsync(CancellationToken.None)));

        Assert.Equal(3, rounds.Sum(r => r.Offered));
        Assert.Equal(3, await CountAsync("offered", eventId));
        Assert.Equal(
            queue.Take(3).Select(q => q.Id).Order(),
            (await Task.WhenAll(queue.Select(async q => (q.Id, Status: (await MineAsync(eventId, q.Token)).GetProperty("status").GetString()))))
                .Where(s => s.Status == "offered").Select(s => s.Id).Order());
        await AssertSeatsBalanceAsync(eventId);
    }

    [Fact]
    public async Task OnceTheEventHasStarted_TheWorkerShouldCloseItsList_AndOfferNothing()
    {
        var (eventId, holders, queue) = await SoldOutWithQueueAsync(capacity: 1, waiting: 3);
        await CancelAsync(holders[0].BookingId, holders[0].Token);
        await ScalarAsync<int>("UPDATE events SET event_date = timezone('utc', now()) - interval '1 minute' WHERE id = $1 RETURNING 1", eventId);

        await Factory.Services.GetRequiredService<WaitlistExpiryWorker>().RunOnceAsync(CancellationToken.None);

        Assert.Equal(3, await CountAsync("expired", eventId));
        Assert.Equal(0, await CountAsync("offered", eventId) + await CountAsync("waiting", eventId));
        Assert.Equal(
            ["joined", "offered", "expired"], (await MineAsync(eventId, queue[0].Token)).GetProperty("history").EnumerateArray().Select(h => h.GetProperty("action").GetString()));
        await AssertSeatsBalanceAsync(eventId);
    }

    [Fact]
    public async Task ACancellationStorm_ShouldOfferEveryFreedSeatToTheFirstInLine_KeepingTheSeatsBalanced()
    {
        var (eventId, holders, queue) = await SoldOutWithQueueAsync(capacity: 40, waiting: 200);

        var cancels = await Task.WhenAll(holders.Select(h => SendAsync(HttpMethod.Delete, $"/api/bookings/{h.BookingId}", h.Token)));

        Assert.All(cancels, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(40, await CountAsync("offered", eventId));
        Assert.Equal(160, await CountAsync("waiting", eventId));
        var offeredUsers = await ScalarAsync<int[]>(
            "SELECT array_agg(user_id ORDER BY user_id) FROM waitlist_entries WHERE event_id = $1 AND status = 'offered'", eventId);
        Assert.Equal(queue.Take(40).Select(q => q.Id).Order(), offeredUsers);
        Assert.Equal(0, await ScalarAsync<int>("SELECT available_seats FROM events WHERE id = $1", eventId));
        await AssertSeatsBalanceAsync(eventId);

        // Half of them accept at once, the other half decline at once: every seat ends booked or offered on.
        var accepts = queue.Take(20).Select(q => SendAsync(HttpMethod.Post, $"/api/events/{eventId}/waitlist/accept", q.Token));
        var declines = queue.Skip(20).Take(20).Select(q => SendAsync(HttpMethod.Delete, $"/api/events/{eventId}/waitlist", q.Token));
        var answers = await Task.WhenAll(accepts.Concat(declines));
        Assert.All(answers.Take(20), r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.All(answers.Skip(20), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(20, await ScalarAsync<long>("SELECT count(*) FROM bookings WHERE event_id = $1 AND status = 'confirmed'", eventId));
        Assert.Equal(20, await CountAsync("offered", eventId));
        await AssertSeatsBalanceAsync(eventId);
    }
}
