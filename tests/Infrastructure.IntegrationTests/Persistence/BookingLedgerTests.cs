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
        var users = new List<int>();
        for (var i = 0; i < 30; i++)
        {
            users.Add(await InsertUserAsync($"u{i}@example.com"));
        }

        var attempts = await Task.WhenAll(users.Select((u, i) => Task.Run(() => Ledger.CreateAsync(u, eventId, $"BK-LEDGER-{i:D2}", CancellationToken.None))));

        // Each call saw the count its own booking produced: 29, 28, ... 0, each exactly once.
        Assert.All(attempts, a => Assert.Equal(BookingAttemptStatus.Created, a.Status));
        Assert.Equal(Enumerable.Range(0, 30).Reverse(), attempts.Select(a => a.AvailableSeats).OrderDescending());
    }

    [Fact]
    public async Task CreateAsync_ShouldTellSoldOutDuplicateUnknownEventAndTakenIdApart()
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
        Assert.Equal(4, await AvailableSeatsAsync(roomy));
        await AssertSeatInvariantAsync(roomy);
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
