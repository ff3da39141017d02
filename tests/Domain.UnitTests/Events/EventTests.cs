using EventBooking.Domain.Bookings;
using EventBooking.Domain.Events;

namespace EventBooking.Domain.UnitTests.Events;

public sealed class EventTests
{
    private static readonly DateTime Now = new(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime NextWeek = Now.AddDays(7);

    [Fact]
    public void Schedule_WhenValid_ShouldStartWithEveryCapacitySeatAvailable()
    {
        var result = Event.Schedule("  Tech Conference  ", "Talks", NextWeek, 500, createdBy: 1, Now);

        Assert.True(result.IsSuccess);
        var scheduled = result.Value;
        Assert.Equal("Tech Conference", scheduled.Name);
        Assert.Equal(500, scheduled.SeatCapacity);
        Assert.Equal(500, scheduled.AvailableSeats);
        Assert.Equal(1, scheduled.CreatedBy);
        Assert.Equal(Now, scheduled.CreatedAt);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(10_001)]
    public void Schedule_WhenCapacityOutOfRange_ShouldFailWithInvalidSeatCapacity(int capacity)
    {
        var result = Event.Schedule("Event", null, NextWeek, capacity, 1, Now);

        Assert.Equal(EventErrors.InvalidSeatCapacity, result.Error);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(10_000)]
    public void Schedule_WhenCapacityAtTheBounds_ShouldSucceed(int capacity) =>
        Assert.True(Event.Schedule("Event", null, NextWeek, capacity, 1, Now).IsSuccess);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Schedule_WhenNameIsBlank_ShouldFailWithInvalidName(string name) =>
        Assert.Equal(EventErrors.InvalidName, Event.Schedule(name, null, NextWeek, 10, 1, Now).Error);

    [Fact]
    public void Schedule_WhenNameIsTooLong_ShouldFailWithInvalidName() =>
        Assert.Equal(EventErrors.InvalidName, Event.Schedule(new string('x', 256), null, NextWeek, 10, 1, Now).Error);

    [Fact]
    public void Schedule_WhenDescriptionIsTooLong_ShouldFail() =>
        Assert.Equal(
            EventErrors.DescriptionTooLong,
            Event.Schedule("Event", new string('x', 1001), NextWeek, 10, 1, Now).Error);

    [Fact]
    public void Schedule_WhenDateIsNotInTheFuture_ShouldFail()
    {
        Assert.Equal(EventErrors.DateNotInFuture, Event.Schedule("Event", null, Now, 10, 1, Now).Error);
        Assert.Equal(EventErrors.DateNotInFuture, Event.Schedule("Event", null, Now.AddDays(-1), 10, 1, Now).Error);
    }

    [Fact]
    public void RequestBooking_WhenUpcomingWithSeats_ShouldReturnTheRequestOfTheCaller()
    {
        var upcoming = Event.Schedule("Event", null, NextWeek, 10, 1, Now).Value.ToSnapshot();

        Assert.Equal(new BookingRequest(upcoming.Id, UserId: 4, Now), upcoming.RequestBooking(4, Now).Value);
    }

    [Fact]
    public void RequestBooking_WhenTheEventHasStarted_ShouldFailWithCannotBookPastEvent()
    {
        var upcoming = Event.Schedule("Event", null, NextWeek, 10, 1, Now).Value.ToSnapshot();

        var result = upcoming.RequestBooking(4, NextWeek);

        Assert.Equal(EventErrors.CannotBookPastEvent, result.Error);
        Assert.Equal("BOOKING_CONFLICT", result.Error!.Code);
    }
}
