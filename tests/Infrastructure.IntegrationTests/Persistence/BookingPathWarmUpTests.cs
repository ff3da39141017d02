using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using EventBooking.Application.Common.Interfaces;
using EventBooking.Infrastructure.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace EventBooking.Infrastructure.IntegrationTests.Persistence;

/// <summary>
/// The booking path's start-up warm-up (docs/adr/0024) runs the booking queue and functions for events that cannot
/// exist: it completes, and writes, locks and announces nothing.
/// </summary>
public sealed class BookingPathWarmUpTests(DatabaseFixture database) : DatabaseTest(database)
{
    [Fact]
    public async Task RunAsync_ForEventsThatCannotExist_ShouldReachTheDatabaseForEveryOperationAndChangeNothing()
    {
        var user = await InsertUserAsync("buyer@example.com");
        var eventId = await InsertEventAsync(seats: 3);
        await CreateBookingAsync(user, eventId, "BK-WARMUP-TEST-1");
        var before = await SnapshotAsync();
        var warmUp = Database.Services.GetServices<IStartupWarmUp>().Single(w => w.Name == "booking path");

        var calls = new ConcurrentBag<int>();
        using var meter = new MeterListener();
        meter.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "eventbooking.booking.call.events")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        meter.SetMeasurementEventCallback<int>((_, value, _, _) => calls.Add(value));
        meter.Start();
        await using var listener = new NpgsqlConnection(Database.ConnectionString + ";Pooling=false");
        await listener.OpenAsync();
        await using (var listen = new NpgsqlCommand("LISTEN eventbooking_seat_changes", listener))
        {
            await listen.ExecuteNonQueryAsync();
        }

        var announced = 0;
        listener.Notification += (_, _) => Interlocked.Increment(ref announced);

        await warmUp.RunAsync(500, CancellationToken.None);

        Assert.Equal(500, calls.Sum()); // every operation reached the database, as one event's batch of one buyer
        Assert.Equal(before, await SnapshotAsync());
        await listener.WaitAsync(TimeSpan.FromMilliseconds(500)); // delivers any notification sent meanwhile
        Assert.Equal(0, announced);
        Assert.Equal(2, await AvailableSeatsAsync(eventId));
        await AssertSeatInvariantAsync(eventId);
    }

    [Fact]
    public async Task RunAsync_WhenCancelled_ShouldStop()
    {
        var warmUp = Database.Services.GetServices<IStartupWarmUp>().Single(w => w.Name == "booking path");
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => warmUp.RunAsync(1_000_000, cancelled.Token));
    }

    private Task<string> SnapshotAsync() => ScalarAsync<string>(
        """
        SELECT concat_ws(' ',
            (SELECT count(*) FROM bookings), (SELECT count(*) FROM booking_logs), (SELECT count(*) FROM events),
            (SELECT coalesce(sum(available_seats), 0) FROM events), (SELECT count(*) FROM users))
        """);
}
