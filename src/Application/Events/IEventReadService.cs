namespace EventBooking.Application.Events;

/// <summary>Reads events straight into response shapes, one query per call.</summary>
public interface IEventReadService
{
    Task<EventResponse?> GetAsync(int eventId, bool includeCreatorEmail, CancellationToken cancellationToken);

    Task<EventListResponse> ListAsync(EventListFilter filter, bool includeCreatorEmail, CancellationToken cancellationToken);

    Task<EventImageContent?> GetImageAsync(int eventId, CancellationToken cancellationToken);

    /// <summary>Booking counts of the event, and bookings made per UTC day since <paramref name="since"/>.</summary>
    Task<EventBookingCounts?> GetBookingCountsAsync(int eventId, DateOnly since, CancellationToken cancellationToken);
}
