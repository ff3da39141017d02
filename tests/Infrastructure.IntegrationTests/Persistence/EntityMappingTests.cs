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
}
