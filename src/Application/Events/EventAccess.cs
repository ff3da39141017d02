using EventBooking.Application.Common.Interfaces;
using EventBooking.Domain.Common;
using EventBooking.Domain.Events;

namespace EventBooking.Application.Events;

internal static class EventAccess
{
    /// <summary>
    /// The event, when the caller may manage it (its creator or an admin); otherwise "Event not found"
    /// or <paramref name="forbidden"/>, the use case's own 403 message.
    /// </summary>
    public static async Task<Result<EventSnapshot>> GetManagedAsync(
        this IEventRepository events, int eventId, ICurrentUser caller, Error forbidden, CancellationToken cancellationToken)
    {
        var target = await events.GetSnapshotAsync(eventId, cancellationToken);
        if (target is null)
        {
            return EventErrors.NotFound;
        }

        return target.CanBeManagedBy(caller.Actor) ? target : forbidden;
    }
}
