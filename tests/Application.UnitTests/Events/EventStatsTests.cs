using EventBooking.Application.Events;

namespace EventBooking.Application.UnitTests.Events;

public sealed class EventStatsTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);

    [Fact]
    public void From_ShouldComputeOccupancyAndCancellationRateAsHandComputed()
    {
        // 200 seats, 37 confirmed (21 of them checked in), 13 cancelled: occupancy 37/200 = 18.5 %, cancellation 13/50 = 0.26.
        var counts = new EventBookingCounts(200, 163, 37, 13, 21, new Dictionary<DateOnly, int>());

        var stats = EventStats.From(4, counts, Today);

        Assert.Equal(4, stats.EventId);
        Assert.Equal(200, stats.SeatCapacity);
        Assert.Equal(37, stats.Confirmed);
        Assert.Equal(13, stats.Cancelled);
        Assert.Equal(163, stats.Available);
        Assert.Equal(21, stats.CheckedIn);
        Assert.Equal(18.5m, stats.OccupancyPercent);
        Assert.Equal(26m, stats.CancellationPercent);
        Assert.Equal(0.26m, stats.CancellationRate);
    }

    [Fact]
    public void From_ShouldRoundPercentagesToTwoDecimalsAndTheRateToFour()
    {
        var stats = EventStats.From(1, new EventBookingCounts(3, 2, 1, 2, 0, new Dictionary<DateOnly, int>()), Today);

        Assert.Equal(33.33m, stats.OccupancyPercent);
        Assert.Equal(66.67m, stats.CancellationPercent);
        Assert.Equal(0.6667m, stats.CancellationRate);
    }

    [Fact]
    public void From_WithNoBookings_ShouldReportZeroRatherThanDivideByZero()
    {
        var stats = EventStats.From(1, new EventBookingCounts(50, 50, 0, 0, 0, new Dictionary<DateOnly, int>()), Today);

        Assert.Equal(0m, stats.OccupancyPercent);
        Assert.Equal(0m, stats.CancellationPercent);
        Assert.Equal(0m, stats.CancellationRate);
    }

    [Fact]
    public void From_ShouldListThirtyDaysOldestFirstWithZerosFilledIn()
    {
        var counts = new EventBookingCounts(10, 7, 3, 0, 0, new Dictionary<DateOnly, int>
        {
            [Today] = 2,
            [Today.AddDays(-29)] = 1,
            [Today.AddDays(-30)] = 9, // outside the window: not listed
        });

        var days = EventStats.From(1, counts, Today).BookingsPerDay;

        Assert.Equal(30, days.Count);
        Assert.Equal(new DailyBookings("2026-10-27", 1), days[0]);
        Assert.Equal(new DailyBookings("2026-11-25", 2), days[^1]);
        Assert.Equal(3, days.Sum(d => d.Count));
    }
}
