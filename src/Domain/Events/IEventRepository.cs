namespace EventBooking.Domain.Events;

/// <summary>Loads and stores <see cref="Event"/> aggregates for writes.</summary>
public interface IEventRepository
{
    /// <summary>
    /// The event as it is now, to judge a request against it, without tracking or locking. The data is read after
    /// this call began; the snapshot is immutable, so concurrent callers may share one (changes start from
    /// <see cref="GetForUpdateAsync"/>).
    /// </summary>
    Task<EventSnapshot?> GetSnapshotAsync(int eventId, CancellationToken cancellationToken);

    /// <summary>
    /// Loads the event and locks its row until the current transaction ends, so seat arithmetic made
    /// with it cannot race a booking (the booking function waits on the same lock).
    /// </summary>
    Task<Event?> GetForUpdateAsync(int eventId, CancellationToken cancellationToken);

    /// <summary>How many confirmed bookings the event has. A count, never the bookings themselves.</summary>
    Task<int> CountConfirmedBookingsAsync(int eventId, CancellationToken cancellationToken);

    void Add(Event newEvent);

    void Remove(Event existing);
}
