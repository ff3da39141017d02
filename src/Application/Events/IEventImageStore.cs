using EventBooking.Domain.Events;

namespace EventBooking.Application.Events;

/// <summary>
/// Keeps event images in PostgreSQL (every API instance serves them; backups include them). Writes join
/// the caller's transaction.
/// </summary>
public interface IEventImageStore
{
    /// <summary>Stores or replaces the event's image and returns its new version tag.</summary>
    Task<string> SaveAsync(int eventId, EventImage image, CancellationToken cancellationToken);

    /// <summary>Removes the event's image, if it has one.</summary>
    Task DeleteAsync(int eventId, CancellationToken cancellationToken);
}
