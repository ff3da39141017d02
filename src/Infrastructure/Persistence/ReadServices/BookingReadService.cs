using System.Text.Json;
using EventBooking.Application.Bookings;
using EventBooking.Application.Common.Paging;
using Microsoft.EntityFrameworkCore;

namespace EventBooking.Infrastructure.Persistence.ReadServices;

/// <summary>Bookings projected straight into the contract shapes; lists newest first, then by id, one query each.</summary>
internal sealed class BookingReadService(EventBookingDbContext db) : IBookingReadService
{
    public Task<BookingDetailResponse?> GetAsync(string bookingId, CancellationToken cancellationToken) =>
        (from b in db.Bookings
         join e in db.Events on b.EventId equals e.Id
         join u in db.Users on b.UserId equals u.Id
         where b.BookingId == bookingId
         select new BookingDetailResponse(
             b.BookingId,
             b.EventId,
             b.Status,
             b.CreatedAt,
             b.CancelledAt,
             b.CheckIn == null ? null : b.CheckIn.CheckedInAt,
             new EventSummary(e.Id, e.Name, e.EventDate, e.SeatCapacity, e.AvailableSeats),
             new UserSummary(u.Id, u.Name, u.Email)))
        .AsNoTracking()
        .FirstOrDefaultAsync(cancellationToken);

    public async Task<MyBookingsResponse> ListForUserAsync(int userId, int limit, int offset, CancellationToken cancellationToken)
    {
        var mine = db.Bookings.AsNoTracking().Where(b => b.UserId == userId);
        var page = await (
                from b in mine.OrderByDescending(b => b.CreatedAt).ThenByDescending(b => b.Id).Skip(offset).Take(limit)
                join e in db.Events on b.EventId equals e.Id
                orderby b.CreatedAt descending, b.Id descending
                select new
                {
                    Booking = new BookingSummaryResponse(
                        b.Id,
                        b.BookingId,
                        b.UserId,
                        b.EventId,
                        b.Status,
                        b.CreatedAt,
                        b.CancelledAt,
                        b.CheckIn == null ? null : b.CheckIn.CheckedInAt,
                        new EventSummary(e.Id, e.Name, e.EventDate, e.SeatCapacity, e.AvailableSeats)),
                    Total = mine.Count(),
                })
            .ToListAsync(cancellationToken);

        var total = page.Count > 0 ? page[0].Total : await mine.CountAsync(cancellationToken);
        return new MyBookingsResponse(page.Select(p => p.Booking).ToList(), total, Paging.HasMore(offset, page.Count, total));
    }

    public async Task<EventBookingsResponse> ListForEventAsync(int eventId, int limit, int offset, CancellationToken cancellationToken)
    {
        var ofEvent = db.Bookings.AsNoTracking().Where(b => b.EventId == eventId);
        var page = await (
                from b in ofEvent.OrderByDescending(b => b.CreatedAt).ThenByDescending(b => b.Id).Skip(offset).Take(limit)
                join u in db.Users on b.UserId equals u.Id
                orderby b.CreatedAt descending, b.Id descending
                select new
                {
                    Booking = new BookingAdminItem(
                        b.Id,
                        b.BookingId,
                        b.UserId,
                        b.EventId,
                        b.Status,
                        b.CreatedAt,
                        b.CancelledAt,
                        b.CheckIn == null ? null : b.CheckIn.CheckedInAt,
                        new UserSummary(u.Id, u.Name, u.Email)),
                    Total = ofEvent.Count(),
                })
            .ToListAsync(cancellationToken);

        var total = page.Count > 0 ? page[0].Total : await ofEvent.CountAsync(cancellationToken);
        return new EventBookingsResponse(eventId, page.Select(p => p.Booking).ToList(), total, Paging.HasMore(offset, page.Count, total));
    }

    /// <summary>
    /// Reads in keyset pages (<c>id &gt; last</c>, in booking order), each a short query that returns its
    /// connection to the pool. One long reader would hold a connection for as long as the slowest client
    /// takes to download, and die at the command timeout; pages keep memory at one page and the pool free.
    /// </summary>
    public async IAsyncEnumerable<AttendeeRow> StreamAttendees(
        int eventId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        const int PageSize = 1000;
        var after = 0;
        while (true)
        {
            var page = await (
                    from b in db.Bookings.AsNoTracking()
                    join u in db.Users on b.UserId equals u.Id
                    where b.EventId == eventId && b.Id > after
                    orderby b.Id
                    select new
                    {
                        b.Id,
                        Row = new AttendeeRow(
                            b.BookingId, u.Name, u.Email, b.Status, b.CreatedAt, b.CancelledAt, b.CheckIn == null ? null : b.CheckIn.CheckedInAt),
                    })
                .Take(PageSize)
                .ToListAsync(cancellationToken);
            foreach (var item in page)
            {
                yield return item.Row;
            }

            if (page.Count < PageSize)
            {
                yield break;
            }

            after = page[^1].Id;
        }
    }

    public async Task<IReadOnlyList<BookingHistoryEntry>> GetHistoryAsync(string bookingId, CancellationToken cancellationToken)
    {
        var rows = await db.BookingLogs
            .AsNoTracking()
            .Where(l => l.BookingId == bookingId)
            .OrderBy(l => l.Timestamp)
            .ThenBy(l => l.Id)
            .Select(l => new { l.Action, l.UserId, l.EventId, l.Details, l.Timestamp })
            .ToListAsync(cancellationToken);

        return rows
            .Select(r => new BookingHistoryEntry(r.Action, r.UserId, r.EventId, ParseDetails(r.Details), r.Timestamp))
            .ToList();
    }

    private static JsonElement? ParseDetails(string? details)
    {
        if (details is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(details);
        return document.RootElement.Clone();
    }

}
