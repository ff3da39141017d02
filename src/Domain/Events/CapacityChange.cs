namespace EventBooking.Domain.Events;

/// <summary>
/// The intent to give an event a new seat capacity, allowed by <see cref="Event.Update"/> against the confirmed
/// bookings counted under the row lock. The seat ledger carries it out (the free seats follow the capacity).
/// </summary>
public sealed record CapacityChange(int EventId, int SeatCapacity);
