using System.ComponentModel;

namespace EventBooking.Application.Events;

/// <summary>
/// An event's numbers for its organiser. Percentages are 0..100 with two decimals: <see cref="OccupancyPercent"/> is
/// confirmed / capacity, <see cref="CancellationPercent"/> cancelled / all bookings ever made (0 with no bookings).
/// <see cref="CancellationRate"/> is the same as a fraction (0..1, four decimals), as the first version answered it.
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
    [property: Description("Confirmed bookings / seat capacity, in percent (0..100, two decimals).")] decimal OccupancyPercent,
    [property: Description("Cancelled / all bookings ever made, in percent (0..100, two decimals); 0 with no bookings.")] decimal CancellationPercent,
    [property: Description("The cancellation share as a fraction (0..1, four decimals), kept for clients of the first version: prefer cancellationPercent.")] decimal CancellationRate,
    IReadOnlyList<DailyBookings> BookingsPerDay);

/// <summary>Bookings made on one UTC day (<c>yyyy-MM-dd</c>), whatever became of them later.</summary>
public sealed record DailyBookings(string Date, int Count);
