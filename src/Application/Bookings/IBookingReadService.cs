namespace EventBooking.Application.Bookings;

/// <summary>Reads bookings straight into response shapes; lists newest first, then by id.</summary>
public interface IBookingReadService
{
    /// <summary>The booking with its owner's summary (the handler decides whether the caller may see the owner).</summary>
    Task<BookingDetailResponse?> GetAsync(string bookingId, CancellationToken cancellationToken);

    Task<MyBookingsResponse> ListForUserAsync(int userId, int limit, int offset, CancellationToken cancellationToken);

    Task<EventBookingsResponse> ListForEventAsync(int eventId, int limit, int offset, CancellationToken cancellationToken);

    /// <summary>
    /// Every booking of the event with its attendee, in booking order, streamed: read page by page as the
    /// caller consumes it, so an export of 100,000 rows holds one page in memory and no connection while
    /// the client is slow.
    /// </summary>
    IAsyncEnumerable<AttendeeRow> StreamAttendees(int eventId, CancellationToken cancellationToken = default);

    /// <summary>The audit trail, oldest first (empty when there is none).</summary>
    Task<IReadOnlyList<BookingHistoryEntry>> GetHistoryAsync(string bookingId, CancellationToken cancellationToken);
}
