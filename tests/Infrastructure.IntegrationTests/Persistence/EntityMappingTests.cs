using EventBooking.Domain.Bookings;
using EventBooking.Domain.Events;
using EventBooking.Infrastructure.IntegrationTests.Support;
using EventBooking.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EventBooking.Infrastructure.IntegrationTests.Persistence;

/// <summary>The EF Core model reads and writes the documented schema: snake_case names, UTC timestamps, status strings.</summary>
public sealed class EntityMappingTests(DatabaseFixture database) : DatabaseTest(database)
{
    [Fact]
    public async Task SavingAScheduledEvent_ShouldStoreUtcAndReadItBackAsUtc()
    {
        var adminId = await InsertUserAsync("admin@example.com", role: "admin");
        var now = new DateTime(2026, 11, 25, 10, 0, 0, DateTimeKind.Utc);
        var eventDate = new DateTime(2026, 12, 1, 10, 0, 0, DateTimeKind.Utc);
        var scheduled = Event.Schedule("Launch", "Big day", eventDate, 100, adminId, now).Value;

        await using (var scope = Database.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<EventBookingDbContext>();
            db.Events.Add(scheduled);
            await db.SaveChangesAsync();
        }

        Assert.Equal(
            "2026-12-01 10:00:00",
            await ScalarAsync<string>("SELECT to_char(event_date, 'YYYY-MM-DD HH24:MI:SS') FROM events WHERE id = $1", scheduled.Id));
        await using (var scope = Database.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<EventBookingDbContext>();
            var loaded = await db.Events.AsNoTracking().SingleAsync(e => e.Id == scheduled.Id);
            Assert.Equal(eventDate, loaded.EventDate);
            Assert.Equal(DateTimeKind.Utc, loaded.EventDate.Kind);
            Assert.Equal(100, loaded.AvailableSeats);
            Assert.Equal(adminId, loaded.CreatedBy);
        }
    }

    [Fact]
    public async Task LoadingABookingMadeByTheStoredFunction_ShouldMapStatusAndTimes()
    {
        var userId = await InsertUserAsync("john@example.com");
        var eventId = await InsertEventAsync(seats: 5);
        Assert.True(await CreateBookingAsync(userId, eventId, "BK-TEST-001"));
        Assert.True(await CancelBookingAsync("BK-TEST-001"));

        await using var scope = Database.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EventBookingDbContext>();
        var booking = await db.Bookings.AsNoTracking().SingleAsync(b => b.BookingId == "BK-TEST-001");

        Assert.Equal(BookingStatus.Cancelled, booking.Status);
        Assert.Equal(userId, booking.UserId);
        Assert.Equal(eventId, booking.EventId);
        Assert.Equal(DateTimeKind.Utc, booking.CreatedAt.Kind);
        Assert.NotNull(booking.CancelledAt);
        Assert.True(booking.CancelledAt >= booking.CreatedAt);
        Assert.Equal(1, await db.BookingLogs.CountAsync(l => l.Action == "cancelled"));
    }

    public static TheoryData<string> SeatColumns => ["events.seat_capacity", "events.available_seats", "bookings.user_id", "bookings.status", "bookings.cancelled_at"];

    /// <summary>Seat state is the seat ledger's: an update through EF that touches it fails before any SQL is sent.</summary>
    [Theory]
    [MemberData(nameof(SeatColumns))]
    public async Task UpdatingSeatStateThroughEf_ShouldThrowAndChangeNothing(string column)
    {
        var userId = await InsertUserAsync("john@example.com");
        var eventId = await InsertEventAsync(seats: 5);
        Assert.True(await CreateBookingAsync(userId, eventId, "BK-TEST-001"));
        var before = await ScalarAsync<string>("SELECT (SELECT e::text FROM events e) || (SELECT b::text FROM bookings b)");

        await using var scope = Database.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EventBookingDbContext>();
        object entity = column.StartsWith("events.", StringComparison.Ordinal)
            ? await db.Events.SingleAsync(e => e.Id == eventId)
            : await db.Bookings.SingleAsync(b => b.BookingId == "BK-TEST-001");
        var property = db.Entry(entity).Properties.Single(p => p.Metadata.GetColumnName() == column[(column.IndexOf('.') + 1)..]);
        property.CurrentValue = property.Metadata.ClrType == typeof(int) ? (int)property.CurrentValue! + 1
            : property.Metadata.ClrType == typeof(BookingStatus) ? BookingStatus.Cancelled
            : DateTime.UtcNow;

        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        Assert.Equal(before, await ScalarAsync<string>("SELECT (SELECT e::text FROM events e) || (SELECT b::text FROM bookings b)"));
    }
}
