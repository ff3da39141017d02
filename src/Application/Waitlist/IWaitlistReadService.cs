namespace EventBooking.Application.Waitlist;

/// <summary>Reads of the waiting list; every change goes through the seat ledger.</summary>
public interface IWaitlistReadService
{
    /// <summary>The user's latest entry for the event with its history, statuses as of <paramref name="now"/>; null when there is none.</summary>
    Task<WaitlistEntryResponse?> FindLatestAsync(int eventId, int userId, DateTime now, CancellationToken cancellationToken);

    /// <summary>A page of the event's list, statuses as of <paramref name="now"/>.</summary>
    Task<EventWaitlistResponse> ListAsync(int eventId, int limit, int offset, DateTime now, CancellationToken cancellationToken);
}
