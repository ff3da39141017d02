using EventBooking.Application.Bookings;
using EventBooking.Application.Common.Interfaces;
using EventBooking.Domain.Bookings;
using EventBooking.Domain.Events;
using EventBooking.Domain.Users;
using EventBooking.Infrastructure.IntegrationTests.Support;
using EventBooking.Infrastructure.Realtime;
using EventBooking.Infrastructure.Seats;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace EventBooking.Infrastructure.IntegrationTests.Persistence;

public sealed class SeatLedgerTests(DatabaseFixture database) : DatabaseTest(database)
{
    private static DateTime Now => DateTime.UtcNow;

    /// <summary>The ledger is scoped (a capacity change joins the scope's transaction): one scope per call here.</summary>
    private async Task<T> WithLedgerAsync<T>(Func<ISeatLedger, Task<T>> call)
    {
        await using var scope = Database.Services.CreateAsyncScope();
        return await call(scope.ServiceProvider.GetRequiredService<ISeatLedger>());
    }

    private Task<Domain.Common.Result<SeatConfirmation>> ConfirmAsync(int userId, int eventId) =>
        WithLedgerAsync(l => l.ConfirmAsync(new BookingRequest(eventId, userId, Now), CancellationToken.None));

    [Fact]
    public async Task ConfirmAsync_ShouldReturnTheBookingUnderAFreshIdWithItsTimeAndTheSeatsLeftAfterIt()
    {
        var userId = await InsertUserAsync("john@example.com");
        var eventId = await InsertEventAsync(seats: 3);

        var confirmed = (await ConfirmAsync(userId, eventId)).Value;

        Assert.Matches("^BK-[0-9A-Z]+-[0-9A-Z]{6}$", confirmed.Booking.BookingId);
        Assert.Equal(2, confirmed.AvailableSeats);
        Assert.Equal(DateTimeKind.Utc, confirmed.Booking.CreatedAt.Kind);
        Assert.Equal(
            confirmed.Booking.CreatedAt,
            DateTime.SpecifyKind(await ScalarAsync<DateTime>("SELECT created_at FROM bookings WHERE booking_id = $1", confirmed.Booking.BookingId), DateTimeKind.Utc));
        Assert.Equal(1, await LogCountAsync("created", eventId));
    }

    [Fact]
    public async Task ConfirmAsync_WhenManyBookAtOnce_ShouldGiveEachTheExactCountItsOwnBookingLeft()
    {
        var eventId = await InsertEventAsync(seats: 30);
        var users = await InsertUsersAsync(30, "u");

        var results = await Task.WhenAll(users.Select(u => Task.Run(() => ConfirmAsync(u, eventId))));

        Assert.Equal(Enumerable.Range(0, 30).Reverse(), results.Select(r => r.Value.AvailableSeats).OrderDescending());
        await AssertSeatInvariantAsync(eventId);
    }

    [Fact]
    public async Task ConfirmAsync_ShouldAnswerEachRefusalWithTheDomainsError()
    {
        var first = await InsertUserAsync("first@example.com");
        var second = await InsertUserAsync("second@example.com");
        var full = await InsertEventAsync(seats: 1);
        var roomy = await InsertEventAsync(seats: 5);
        var started = await InsertEventAsync(seats: 5, startsIn: TimeSpan.FromMinutes(-1));
        Assert.True((await ConfirmAsync(first, full)).IsSuccess);
        Assert.True((await ConfirmAsync(first, roomy)).IsSuccess);

        Assert.Equal(EventErrors.NoSeatsAvailable, (await ConfirmAsync(second, full)).Error);
        Assert.Equal(BookingRules.OneConfirmedBookingPerUserAndEvent, (await ConfirmAsync(first, roomy)).Error);
        Assert.Equal(EventErrors.NotFound, (await ConfirmAsync(first, 999_999)).Error);
        Assert.Equal(UserErrors.AccountGone, (await ConfirmAsync(999_999, roomy)).Error);
        Assert.Equal(EventErrors.CannotBookPastEvent, (await ConfirmAsync(first, started)).Error);
        Assert.Equal(4, await AvailableSeatsAsync(roomy));
        Assert.Equal(5, await AvailableSeatsAsync(started));
        await AssertSeatInvariantAsync(roomy);
    }

    [Fact]
    public async Task ConfirmAsync_WhenTheEventStartsWhileTheBookingWaitsForTheRowLock_ShouldRefuseIt()
    {
        var userId = await InsertUserAsync("late@example.com");
        var eventId = await InsertEventAsync(seats: 5, startsIn: TimeSpan.FromSeconds(1.5));

        // The request was judged bookable (the event is ahead), then queued behind the row lock past the start.
        Domain.Common.Result<SeatConfirmation> result;
        await using (var rowLock = await HoldEventRowLockAsync(eventId))
        {
            var pending = ConfirmAsync(userId, eventId);
            await Task.Delay(TimeSpan.FromSeconds(2));
            Assert.False(pending.IsCompleted);
            await rowLock.ReleaseAsync();
            result = await pending;
        }

        Assert.Equal(EventErrors.CannotBookPastEvent, result.Error);
        Assert.Equal(0, await ConfirmedBookingsAsync(eventId));
        Assert.Equal(0, await LogCountAsync("created", eventId));
        Assert.Equal(5, await AvailableSeatsAsync(eventId));
    }

    [Fact]
    public async Task ConfirmAsync_WhileTheEventIsBusy_ShouldBookTheWaitingBuyersTogether_InFewTransactions()
    {
        var eventId = await InsertEventAsync(seats: 30);
        var users = await InsertUsersAsync(40, "q");

        // Hold the event's row lock, so the first database calls wait on it and everyone else queues in the API.
        List<Domain.Common.Result<SeatConfirmation>> results;
        await using (var rowLock = await HoldEventRowLockAsync(eventId))
        {
            var pending = users.Select(u => ConfirmAsync(u, eventId)).ToList();
            await Task.Delay(200);
            Assert.DoesNotContain(pending, p => p.IsCompleted);
            await rowLock.ReleaseAsync();
            results = [.. await Task.WhenAll(pending)];
        }

        // 30 seats for 40 buyers: each confirmed booking saw its own count (29 ... 0), the rest were told sold out.
        Assert.Equal(30, results.Count(r => r.IsSuccess));
        Assert.All(results.Where(r => r.IsFailure), r => Assert.Equal(EventErrors.NoSeatsAvailable, r.Error));
        Assert.Equal(Enumerable.Range(0, 30).Reverse(), results.Where(r => r.IsSuccess).Select(r => r.Value.AvailableSeats).OrderDescending());
        Assert.Equal(30, await LogCountAsync("created", eventId));
        await AssertSeatInvariantAsync(eventId);

        // now() is the transaction's start: bookings made in one transaction share their created_at.
        Assert.InRange(await ScalarAsync<int>("SELECT count(DISTINCT created_at)::int FROM bookings WHERE event_id = $1", eventId), 1, 4);
    }

    [Fact]
    public async Task ConfirmAsync_WhenOneBuyerOfABatchCannotBeBooked_ShouldStillBookTheOthers()
    {
        var eventId = await InsertEventAsync(seats: 10);
        var users = await InsertUsersAsync(5, "ok");

        users.Insert(2, 999_999); // no such user: the batch's insert fails on the foreign key
        List<Task<Domain.Common.Result<SeatConfirmation>>> pending;
        await using (var rowLock = await HoldEventRowLockAsync(eventId))
        {
            pending = [.. users.Select(u => ConfirmAsync(u, eventId))];
            await Task.Delay(100);
            await rowLock.ReleaseAsync();
        }

        Assert.Equal(UserErrors.AccountGone, (await pending[2]).Error);
        var others = await Task.WhenAll(pending.Where((_, i) => i != 2));
        Assert.All(others, r => Assert.True(r.IsSuccess));
        Assert.Equal(5, await AvailableSeatsAsync(eventId));
        Assert.Equal(5, await LogCountAsync("created", eventId));
        await AssertSeatInvariantAsync(eventId);
    }

    [Fact]
    public async Task BookingBatchExecutor_WhenTheBookingIdIsTaken_ShouldSaySoForThatBookingAlone()
    {
        var first = await InsertUserAsync("first@example.com");
        var second = await InsertUserAsync("second@example.com");
        var eventId = await InsertEventAsync(seats: 5);
        Assert.True(await CreateBookingAsync(first, eventId, "BK-TAKEN-1"));
        var executor = new BookingBatchExecutor(
            Database.DataSource, Microsoft.Extensions.Options.Options.Create(new BookingOptions()), Database.Services.GetRequiredService<Application.Common.Telemetry.EventBookingMetrics>());

        var outcomes = await executor.ExecuteAsync(eventId, [new PendingBooking(second, "BK-TAKEN-1")]);

        Assert.Equal(BookingOutcomeStatus.BookingIdTaken, (await outcomes[0]).Status);
        Assert.Equal(4, await AvailableSeatsAsync(eventId));
    }

    [Fact]
    public async Task CancelAsync_ShouldFreeTheSeatAndRecordTheActor_AndASecondCancelShouldBeRefused()
    {
        var owner = await InsertUserAsync("owner@example.com");
        var admin = await InsertUserAsync("admin@example.com", role: "admin");
        var eventId = await InsertEventAsync(seats: 3);
        var booking = (await ConfirmAsync(owner, eventId)).Value.Booking;
        var cancellation = new BookingCancellation(booking.BookingId, eventId, admin);

        var cancelled = await WithLedgerAsync(l => l.CancelAsync(cancellation, CancellationToken.None));
        var again = await WithLedgerAsync(l => l.CancelAsync(cancellation, CancellationToken.None));

        Assert.Equal(new SeatCount(eventId, 3), cancelled.Value);
        Assert.Equal(BookingErrors.AlreadyCancelled, again.Error);
        Assert.Equal(admin, await ScalarAsync<int>("SELECT user_id FROM booking_logs WHERE action = 'cancelled'"));
        Assert.Equal("admin", await ScalarAsync<string>("SELECT details->>'actor_role' FROM booking_logs WHERE action = 'cancelled'"));
    }

    [Fact]
    public async Task CancelAsync_WhenTheEventHasStarted_ShouldRefuseAndChangeNothing()
    {
        var owner = await InsertUserAsync("owner@example.com");
        var eventId = await InsertEventAsync(seats: 3);
        var booking = (await ConfirmAsync(owner, eventId)).Value.Booking;
        await ExecuteAsync("UPDATE events SET event_date = timezone('utc', now()) - interval '1 minute' WHERE id = $1", eventId);

        var result = await WithLedgerAsync(l => l.CancelAsync(new BookingCancellation(booking.BookingId, eventId, owner), CancellationToken.None));

        Assert.Equal(BookingErrors.CannotCancelPastEvent, result.Error);
        Assert.Equal(1, await ConfirmedBookingsAsync(eventId));
        Assert.Equal(0, await LogCountAsync("cancelled", eventId));
    }

    [Fact]
    public async Task TransferAsync_ShouldHandTheSeatToTheRecipient_AuditIt_AndKeepTheCount()
    {
        var owner = await InsertUserAsync("owner@example.com");
        var friend = await InsertUserAsync("friend@example.com");
        var eventId = await InsertEventAsync(seats: 3);
        var booking = (await ConfirmAsync(owner, eventId)).Value.Booking;

        var result = await WithLedgerAsync(l => l.TransferAsync(
            new BookingTransfer(booking.BookingId, eventId, owner, friend, owner), CancellationToken.None));

        Assert.Equal(new SeatCount(eventId, 2), result.Value);
        Assert.Equal(friend, await ScalarAsync<int>("SELECT user_id FROM bookings WHERE booking_id = $1", booking.BookingId));
        Assert.Equal(1, await LogCountAsync("transferred", eventId));
        Assert.Equal(
            $"{owner}->{friend} by {owner}",
            await ScalarAsync<string>(
                "SELECT (details->>'from_user_id') || '->' || (details->>'to_user_id') || ' by ' || user_id FROM booking_logs WHERE action = 'transferred'"));
        await AssertSeatInvariantAsync(eventId);
    }

    [Fact]
    public async Task TransferAsync_WhenTheRecipientAlreadyHoldsASeat_ShouldRefuseAndChangeNothing()
    {
        var owner = await InsertUserAsync("owner@example.com");
        var friend = await InsertUserAsync("friend@example.com");
        var eventId = await InsertEventAsync(seats: 3);
        var booking = (await ConfirmAsync(owner, eventId)).Value.Booking;
        Assert.True((await ConfirmAsync(friend, eventId)).IsSuccess);

        var result = await WithLedgerAsync(l => l.TransferAsync(
            new BookingTransfer(booking.BookingId, eventId, owner, friend, owner), CancellationToken.None));

        Assert.Equal(BookingErrors.RecipientAlreadyBooked, result.Error);
        Assert.Equal(owner, await ScalarAsync<int>("SELECT user_id FROM bookings WHERE booking_id = $1", booking.BookingId));
        Assert.Equal(0, await LogCountAsync("transferred", eventId));
    }

    [Fact]
    public async Task ChangeCapacityAsync_InsideTheCallersTransaction_ShouldApplyOnlyWhenItCommits()
    {
        var owner = await InsertUserAsync("owner@example.com");
        var eventId = await InsertEventAsync(seats: 10);
        Assert.True((await ConfirmAsync(owner, eventId)).IsSuccess);

        await using (var scope = Database.Services.CreateAsyncScope())
        {
            var unitOfWork = scope.ServiceProvider.GetRequiredService<IUnitOfWork>();
            var ledger = scope.ServiceProvider.GetRequiredService<ISeatLedger>();
            await using (await unitOfWork.BeginTransactionAsync(CancellationToken.None))
            {
                Assert.Equal(new SeatCount(eventId, 4), (await ledger.ChangeCapacityAsync(new CapacityChange(eventId, 5), CancellationToken.None)).Value);
            }

            Assert.Equal(9, await AvailableSeatsAsync(eventId)); // rolled back

            await using var transaction = await unitOfWork.BeginTransactionAsync(CancellationToken.None);
            Assert.Equal(
                EventErrors.CapacityBelowConfirmedBookings(1),
                (await ledger.ChangeCapacityAsync(new CapacityChange(eventId, 0), CancellationToken.None)).Error);
            Assert.True((await ledger.ChangeCapacityAsync(new CapacityChange(eventId, 5), CancellationToken.None)).IsSuccess);
            await transaction.CommitAsync(CancellationToken.None);
        }

        Assert.Equal(4, await AvailableSeatsAsync(eventId));
        await AssertSeatInvariantAsync(eventId);
    }

    [Fact]
    public async Task EveryLedgerFunction_ShouldAnnounceTheChangeInTheShapeTheListenerReads()
    {
        var owner = await InsertUserAsync("owner@example.com");
        var friend = await InsertUserAsync("friend@example.com");
        var eventId = await InsertEventAsync(seats: 3);
        await using var listener = await Database.DataSource.OpenConnectionAsync();
        var payloads = new List<string>();
        listener.Notification += (_, e) =>
        {
            lock (payloads)
            {
                payloads.Add(e.Payload);
            }
        };
        await using (var listen = new NpgsqlCommand($"LISTEN {SeatChangeChannel.Name}", listener))
        {
            await listen.ExecuteNonQueryAsync();
        }

        var booking = (await ConfirmAsync(owner, eventId)).Value.Booking;
        await WithLedgerAsync(l => l.TransferAsync(new BookingTransfer(booking.BookingId, eventId, owner, friend, owner), CancellationToken.None));
        await WithLedgerAsync(l => l.CancelAsync(new BookingCancellation(booking.BookingId, eventId, friend), CancellationToken.None));
        await using (var scope = Database.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ISeatLedger>().ChangeCapacityAsync(new CapacityChange(eventId, 7), CancellationToken.None);
        }

        // Notifications are read off the connection only while it waits.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (payloads.Count < 4 && DateTime.UtcNow < deadline)
        {
            await listener.WaitAsync(TimeSpan.FromMilliseconds(100));
        }

        var changes = payloads.Select(SeatChangeChannel.Deserialize).ToList();
        Assert.All(changes, c => Assert.InRange(
            DateTimeOffset.FromUnixTimeMilliseconds((long)c!.NotifiedAtMs!.Value), DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddSeconds(5)));
        Assert.Equal(
            [
                new Application.Realtime.SeatChange("booking_created", eventId, 2),
                new Application.Realtime.SeatChange("booking_transferred", eventId, 2),
                new Application.Realtime.SeatChange("booking_cancelled", eventId, 3),
                new Application.Realtime.SeatChange("seat_update", eventId, 7, 7),
            ],
            changes.Select(c => c! with { NotifiedAtMs = null }));
    }
}
