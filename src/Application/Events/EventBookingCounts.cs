namespace EventBooking.Application.Events;

/// <summary>The raw counts the statistics are computed from, as one query reads them.</summary>
public sealed record EventBookingCounts(
    int SeatCapacity, int AvailableSeats, int Confirmed, int Cancelled, int CheckedIn, IReadOnlyDictionary<DateOnly, int> CreatedPerDay);
