namespace EventBooking.Application.Common.Notifications;

/// <summary>What a successful command changed: event data (<see cref="Events"/>) or seats (<see cref="Seats"/>).</summary>
public enum EventChangeKind
{
    Events,
    Seats,
}

/// <summary>
/// Hears, on this instance, that a command changed events or seats, after it succeeded and before its answer is
/// sent (the read cache empties itself, so a writer reads its own write). Must not block.
/// </summary>
public interface IEventChangeObserver
{
    void OnEventsChanged(EventChangeKind kind);
}
