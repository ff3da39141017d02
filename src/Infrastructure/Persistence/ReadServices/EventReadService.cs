using EventBooking.Application.Common.Paging;
using EventBooking.Application.Events;
using EventBooking.Domain.Bookings;
using EventBooking.Domain.Events;
using Microsoft.EntityFrameworkCore;

namespace EventBooking.Infrastructure.Persistence.ReadServices;

/// <summary>Events projected straight into the contract shape: no tracking, one round trip per call.</summary>
internal sealed class EventReadService(EventBookingDbContext db) : IEventReadService
{
    public Task<EventResponse?> GetAsync(int eventId, bool includeCreatorEmail, CancellationToken cancellationToken) =>
        Project(db.Events.Where(e => e.Id == eventId), includeCreatorEmail).FirstOrDefaultAsync(cancellationToken);

    public async Task<EventListResponse> ListAsync(EventListFilter filter, bool includeCreatorEmail, CancellationToken cancellationToken)
    {
        var matching = Filter(db.Events, filter);
        // The total rides along as an uncorrelated subquery: PostgreSQL computes it once, in the same query.
        var page = await Project(matching.OrderBy(e => e.EventDate).ThenBy(e => e.Id).Skip(filter.Offset).Take(filter.Limit), includeCreatorEmail)
            .Select(e => new { Event = e, Total = matching.Count() })
            .ToListAsync(cancellationToken);

        // Only a page past the end needs a second query to learn the total.
        var total = page.Count > 0 ? page[0].Total : await matching.CountAsync(cancellationToken);
        return new EventListResponse(page.Select(p => p.Event).ToList(), total, Paging.HasMore(filter.Offset, page.Count, total));
    }

    public Task<EventImageContent?> GetImageAsync(int eventId, CancellationToken cancellationToken) =>
        db.EventImages
            .Where(i => i.EventId == eventId)
            .Select(i => new EventImageContent(i.ContentType, i.Content, i.Version, i.UpdatedAt))
            .FirstOrDefaultAsync(cancellationToken);

    public async Task<EventBookingCounts?> GetBookingCountsAsync(int eventId, DateOnly since, CancellationToken cancellationToken)
    {
        var from = since.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var counts = await db.Events
            .Where(e => e.Id == eventId)
            .Select(e => new
            {
                e.SeatCapacity,
                e.AvailableSeats,
                Confirmed = db.Bookings.Count(b => b.EventId == eventId && b.Status == BookingStatus.Confirmed),
                Cancelled = db.Bookings.Count(b => b.EventId == eventId && b.Status == BookingStatus.Cancelled),
                CheckedIn = db.CheckIns.Count(c => c.EventId == eventId),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (counts is null)
        {
            return null;
        }

        var perDay = await db.Bookings
            .Where(b => b.EventId == eventId && b.CreatedAt >= from)
            .GroupBy(b => b.CreatedAt.Date)
            .Select(g => new { Day = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);

        return new EventBookingCounts(
            counts.SeatCapacity,
            counts.AvailableSeats,
            counts.Confirmed,
            counts.Cancelled,
            counts.CheckedIn,
            perDay.ToDictionary(d => DateOnly.FromDateTime(d.Day), d => d.Count));
    }

    private static IQueryable<Event> Filter(IQueryable<Event> events, EventListFilter filter)
    {
        if (filter.UpcomingOnly)
        {
            events = events.Where(e => e.EventDate >= filter.Now);
        }

        if (filter.AvailableOnly)
        {
            events = events.Where(e => e.AvailableSeats > 0);
        }

        if (filter.Search is { } search)
        {
            var pattern = $"%{EscapeLike(search)}%";
            events = events.Where(e =>
                EF.Functions.ILike(e.Name, pattern, @"\")
                || (e.Description != null && EF.Functions.ILike(e.Description, pattern, @"\")));
        }

        return events.AsNoTracking();
    }

    /// <summary>Search text is matched literally: % and _ in it are not wildcards.</summary>
    private static string EscapeLike(string text) =>
        text.Replace(@"\", @"\\", StringComparison.Ordinal)
            .Replace("%", @"\%", StringComparison.Ordinal)
            .Replace("_", @"\_", StringComparison.Ordinal);

    private IQueryable<EventResponse> Project(IQueryable<Event> events, bool includeCreatorEmail) =>
        from e in events
        join u in db.Users on e.CreatedBy equals u.Id into creators
        from creator in creators.DefaultIfEmpty()
        select new EventResponse(
            e.Id,
            e.Name,
            e.Description,
            e.ImageUrl,
            e.EventDate,
            e.SeatCapacity,
            e.AvailableSeats,
            e.CreatedBy,
            e.CreatedAt,
            e.UpdatedAt,
            creator == null ? null : new CreatorResponse(creator.Id, creator.Name, includeCreatorEmail ? creator.Email : null));

}
