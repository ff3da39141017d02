namespace EventBooking.Application.Events;

/// <summary>
/// An event's numbers for its organiser. <see cref="OccupancyPercent"/> is confirmed / capacity × 100;
/// <see cref="CancellationRate"/> is cancelled / all bookings ever made (0..1), 0 with no bookings.
/// <see cref="CheckedIn"/> counts the confirmed bookings whose holder has been checked in at the door.
/// <see cref="BookingsPerDay"/> has one entry per UTC day of the last 30 days, oldest first, zeros included.
/// </summary>
public sealed record EventStatsResponse(
    int EventId,
    int SeatCapacity,
    int Confirmed,
    int Cancelled,
    int Available,
    int CheckedIn,
    decimal OccupancyPercent,
    decimal CancellationRate,
    IReadOnlyList<DailyBookings> BookingsPerDay);

/// <summary>Bookings made on one UTC day (<c>yyyy-MM-dd</c>), whatever became of them later.</summary>
public sealed record DailyBookings(string Date, int Count);
