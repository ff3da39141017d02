using EventBooking.Infrastructure.Persistence;
using EventBooking.Infrastructure.Persistence.Seeding;
using Microsoft.EntityFrameworkCore;

namespace EventBooking.Infrastructure.Seats;

/// <summary>
/// The seed data's seat state: its events with all seats free, and its bookings made by the ledger's own function
/// (<c>create_booking</c>) so that seat counts and audit rows are right, under their fixed ids. Part of the ledger
/// because it writes seat state; the seeder calls it inside its transaction. The past event is inserted directly,
/// as the API (rightly) refuses past dates.
/// </summary>
internal static class SeatSeeding
{
    /// <summary>Inserts <paramref name="seedEvent"/> with every seat free, unless an event of that name exists.</summary>
    public static Task AddEventIfMissingAsync(
        EventBookingDbContext db, SeedData.SeedEvent seedEvent, DateTime eventDate, int createdBy, DateTime now, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO events (name, description, event_date, seat_capacity, available_seats, created_by, created_at, updated_at)
            SELECT {seedEvent.Name}, {seedEvent.Description}, {eventDate}, {seedEvent.SeatCapacity}, {seedEvent.SeatCapacity}, {createdBy}, {now}, {now}
            WHERE NOT EXISTS (SELECT 1 FROM events WHERE name = {seedEvent.Name})
            """,
            cancellationToken);

    /// <summary>Books <paramref name="booking"/> unless it exists; 1 when it was booked now, else 0.</summary>
    public static Task<int> BookIfMissingAsync(EventBookingDbContext db, SeedData.SeedBooking booking, CancellationToken cancellationToken) =>
        db.Database
            .SqlQuery<int>(
                $"""
                SELECT count(*)::int AS "Value"
                FROM users u
                JOIN LATERAL (SELECT id FROM events WHERE name = {booking.EventName} ORDER BY id LIMIT 1) e ON true
                WHERE u.email = {booking.UserEmail}
                  AND NOT EXISTS (SELECT 1 FROM bookings WHERE booking_id = {booking.BookingId})
                  AND create_booking(u.id, e.id, {booking.BookingId})
                """)
            .SingleAsync(cancellationToken);
}
