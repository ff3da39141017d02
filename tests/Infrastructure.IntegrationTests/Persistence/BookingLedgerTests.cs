using EventBooking.Application.Bookings;
using EventBooking.Infrastructure.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace EventBooking.Infrastructure.IntegrationTests.Persistence;

public sealed class BookingLedgerTests(DatabaseFixture database) : DatabaseTest(database)
{
    private IBookingLedger Ledger => Database.Services.GetRequiredService<IBookingLedger>();

    [Fact]
    public async Task CreateAsync_ShouldReportTheBookingTimeAndTheSeatsLeftAfterIt()
    {
        var userId = await InsertUserAsync("john@example.com");
        var eventId = await InsertEventAsync(seats: 3);

        var attempt = await Ledger.CreateAsync(userId, eventId, "BK-LEDGER-1", CancellationToken.None);

        Assert.Equal(BookingAttemptStatus.Created, attempt.Status);
        Assert.Equal(2, attempt.AvailableSeats);
        Assert.Equal(DateTimeKind.Utc, attempt.CreatedAt.Kind);
        Assert.Equal(
            attempt.CreatedAt,
            DateTime.SpecifyKind(await ScalarAsync<DateTime>("SELECT created_at FROM bookings WHERE booking_id = 'BK-LEDGER-1'"), DateTimeKind.Utc));
    }

    [Fact]
    public async Task CreateAsync_WhenManyBookAtOnce_ShouldGiveEachTheExactCountItsOwnBookingLeft()
    {
        var eventId = await InsertEventAsync(seats: 30);
        var users = await InsertUsersAsync(30, "u");

        var attempts = await Task.WhenAll(users.Select((u, i) => Task.Run(() => Ledger.CreateAsync(u, eventId, $"BK-LEDGER-{i:D2}", CancellationToken.None))));

        // Each call saw the count its own booking produced: 29, 28, ... 0, each exactly once.
        Assert.All(attempts, a => Assert.Equal(BookingAttemptStatus.Created, a.Status));
        Assert.Equal(Enumerable.Range(0, 30).Reverse(), attempts.Select(a => a.AvailableSeats).OrderDescending());
    }

    [Fact]
    public async Task CreateAsync_ShouldTellSoldOutDuplicateUnknownEventTakenIdAndUnknownUserApart()
    {
        var first = await InsertUserAsync("first@example.com");
        var second = await InsertUserAsync("second@example.com");
        var eventId = await InsertEventAsync(seats: 1);
        Assert.Equal(BookingAttemptStatus.Created, (await Ledger.CreateAsync(first, eventId, "BK-LEDGER-1", CancellationToken.None)).Status);
        var roomy = await InsertEventAsync(seats: 5);
        Assert.Equal(BookingAttemptStatus.Created, (await Ledger.CreateAsync(first, roomy, "BK-LEDGER-2", CancellationToken.None)).Status);

        Assert.Equal(BookingAttemptStatus.SoldOut, (await Ledger.CreateAsync(second, eventId, "BK-LEDGER-3", CancellationToken.None)).Status);
        Assert.Equal(BookingAttemptStatus.AlreadyBooked, (await Ledger.CreateAsync(first, roomy, "BK-LEDGER-4", CancellationToken.None)).Status);
        Assert.Equal(BookingAttemptStatus.EventNotFound, (await Ledger.CreateAsync(first, 999_999, "BK-LEDGER-5", CancellationToken.None)).Status);
        Assert.Equal(BookingAttemptStatus.BookingIdTaken, (await Ledger.CreateAsync(second, roomy, "BK-LEDGER-2", CancellationToken.None)).Status);
        Assert.Equal(BookingAttemptStatus.UserNotFound, (await Ledger.CreateAsync(999_999, roomy, "BK-LEDGER-6", CancellationToken.None)).Status);
        Assert.Equal(4, await AvailableSeatsAsync(roomy));
        await AssertSeatInvariantAsync(roomy);
    }

    [Fact]
    public async Task CreateAsync_WhileTheEventIsBusy_ShouldBookTheWaitingBuyersTogether_InFewTransactions()
    {
        var eventId = await InsertEventAsync(seats: 30);
        var users = await InsertUsersAsync(40, "q");

        // Hold the event's row lock, so the first database calls wait on it and everyone else queues in the API.
        List<BookingAttempt> attempts;
        await using (var rowLock = await HoldEventRowLockAsync(eventId))
        {
            var pending = users.Select((u, i) => Ledger.CreateAsync(u, eventId, $"BK-Q-{i:D2}", CancellationToken.None)).ToList();
            await Task.Delay(200);
            Assert.DoesNotContain(pending, p => p.IsCompleted);
            await rowLock.ReleaseAsync();
            attempts = [.. await Task.WhenAll(pending)];
        }

        // 30 seats for 40 buyers: each created booking saw its own count (29 ... 0), the rest were told sold out.
        Assert.Equal(30, attempts.Count(a => a.Status == BookingAttemptStatus.Created));
        Assert.Equal(10, attempts.Count(a => a.Status == BookingAttemptStatus.SoldOut));
        Assert.Equal(Enumerable.Range(0, 30).Reverse(), attempts.Where(a => a.Status == BookingAttemptStatus.Created).Select(a => a.AvailableSeats).OrderDescending());
        Assert.Equal(30, await LogCountAsync("created", eventId));
        await AssertSeatInvariantAsync(eventId);

        // now() is the transaction's start: bookings made in one transaction share their created_at. Only the
        // calls allowed per event at once were waiting on the lock; the rest came in one or two batches.
        Assert.InRange(await ScalarAsync<int>("SELECT count(DISTINCT created_at)::int FROM bookings WHERE event_id = $1", eventId), 1, 4);
    }

    [Fact]
    public async Task CreateAsync_WhenOneBuyerOfABatchCannotBeBooked_ShouldStillBookTheOthers()
    {
        var eventId = await InsertEventAsync(seats: 10);
        var users = await InsertUsersAsync(5, "ok");

        users.Insert(2, 999_999); // no such user: the batch's insert fails on the foreign key
        List<Task<BookingAttempt>> pending;
        await using (var rowLock = await HoldEventRowLockAsync(eventId))
        {
            pending = [.. users.Select((u, i) => Ledger.CreateAsync(u, eventId, $"BK-F-{i}", CancellationToken.None))];
            await Task.Delay(100);
            await rowLock.ReleaseAsync();
        }

        Assert.Equal(BookingAttemptStatus.UserNotFound, (await pending[2]).Status);
        var others = await Task.WhenAll(pending.Where((_, i) => i != 2));
        Assert.All(others, a => Assert.Equal(BookingAttemptStatus.Created, a.Status));
        Assert.Equal(5, await AvailableSeatsAsync(eventId));
        Assert.Equal(5, await LogCountAsync("created", eventId));
        await AssertSeatInvariantAsync(eventId);
    }

    [Fact]
    public async Task CancelAsync_ShouldReportTheEventAndTheSeatsAfterwards_AndRecordTheActor()
    {
        var owner = await InsertUserAsync("owner@example.com");
        var admin = await InsertUserAsync("admin@example.com", role: "admin");
        var eventId = await InsertEventAsync(seats: 3);
        await Ledger.CreateAsync(owner, eventId, "BK-LEDGER-1", CancellationToken.None);

        var cancelled = await Ledger.CancelAsync("BK-LEDGER-1", admin, CancellationToken.None);
        var again = await Ledger.CancelAsync("BK-LEDGER-1", admin, CancellationToken.None);

        Assert.Equal(new CancellationAttempt(true, eventId, 3), cancelled);
        Assert.False(again.Cancelled);
        Assert.Equal(admin, await ScalarAsync<int>("SELECT user_id FROM booking_logs WHERE action = 'cancelled'"));
    }
}
