using EventBooking.Domain.Bookings;
using EventBooking.Domain.Events;
using EventBooking.Infrastructure.Concurrency;
using Microsoft.EntityFrameworkCore;

namespace EventBooking.Infrastructure.Persistence.Repositories;

internal sealed class EventRepository(EventBookingDbContext db, CoalescingLookup<int, EventSnapshot> snapshots) : IEventRepository
{
    /// <summary>Read after this call began, in one query with concurrent callers' loads (<see cref="CoalescingLookup{TKey, TValue}"/>).</summary>
    public Task<EventSnapshot?> GetSnapshotAsync(int eventId, CancellationToken cancellationToken) =>
        snapshots.ReadAsync(eventId, cancellationToken);

    public async Task<Event?> GetForUpdateAsync(int eventId, CancellationToken cancellationToken)
    {
        // Not composed further, so EF sends this SQL as written and the lock covers exactly this row.
        var rows = await db.Events
            .FromSql($"SELECT * FROM events WHERE id = {eventId} FOR UPDATE")
            .ToListAsync(cancellationToken);
        return rows.SingleOrDefault();
    }

    public Task<int> CountConfirmedBookingsAsync(int eventId, CancellationToken cancellationToken) =>
        db.Bookings.CountAsync(b => b.EventId == eventId && b.Status == BookingStatus.Confirmed, cancellationToken);

    public void Add(Event newEvent) => db.Events.Add(newEvent);

    public void Remove(Event existing) => db.Events.Remove(existing);
}
