namespace EventBooking.Application.Events;

/// <summary>The arithmetic of event statistics, kept pure so it can be checked against hand-computed numbers.</summary>
public static class EventStats
{
    public const int Days = 30;

    /// <summary>The first UTC day counted when today is <paramref name="today"/>.</summary>
    public static DateOnly FirstDay(DateOnly today) => today.AddDays(-(Days - 1));

    public static EventStatsResponse From(int eventId, EventBookingCounts counts, DateOnly today)
    {
        var all = counts.Confirmed + counts.Cancelled;
        var perDay = Enumerable.Range(0, Days)
            .Select(offset => FirstDay(today).AddDays(offset))
            .Select(day => new DailyBookings(day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), counts.CreatedPerDay.GetValueOrDefault(day)))
            .ToList();

        return new EventStatsResponse(
            eventId,
            counts.SeatCapacity,
            counts.Confirmed,
            counts.Cancelled,
            counts.AvailableSeats,
            counts.CheckedIn,
            Math.Round(100m * counts.Confirmed / counts.SeatCapacity, 2),
            all == 0 ? 0m : Math.Round(100m * counts.Cancelled / all, 2),
            all == 0 ? 0m : Math.Round((decimal)counts.Cancelled / all, 4),
            perDay);
    }
}
