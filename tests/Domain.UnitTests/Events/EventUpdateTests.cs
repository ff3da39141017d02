using EventBooking.Domain.Common;
using EventBooking.Domain.Events;

namespace EventBooking.Domain.UnitTests.Events;

public sealed class EventUpdateTests
{
    private static readonly DateTime Now = new(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime NextWeek = Now.AddDays(7);

    private static Event Upcoming(int capacity = 100) => Event.Schedule("Conference", "Talks", NextWeek, capacity, createdBy: 1, Now).Value;

    [Fact]
    public void Update_WithOnlyAName_ShouldChangeOnlyTheName()
    {
        var target = Upcoming();

        var result = target.Update("  Renamed  ", null, null, null, confirmedBookings: 0, Now);

        Assert.True(result.IsSuccess);
        Assert.Equal("Renamed", target.Name);
        Assert.Equal("Talks", target.Description);
        Assert.Equal(NextWeek, target.EventDate);
        Assert.Equal(100, target.SeatCapacity);
    }

    [Fact]
    public void Update_WhenClearingTheDescription_ShouldLeaveTheEventWithoutOne()
    {
        var target = Upcoming();

        var result = target.Update("Renamed", null, null, null, confirmedBookings: 0, Now, clearDescription: true);

        Assert.True(result.IsSuccess);
        Assert.Null(target.Description);
        Assert.Equal("Renamed", target.Name);
    }

    [Fact]
    public void Update_WhenClearingTheDescriptionOfAStartedEvent_ShouldRefuseAndKeepIt()
    {
        var target = Upcoming();

        var result = target.Update(null, null, null, null, 0, NextWeek.AddMinutes(1), clearDescription: true);

        Assert.Equal(EventErrors.AlreadyStarted, result.Error);
        Assert.Equal("Talks", target.Description);
    }

    [Fact]
    public void RemoveImage_ShouldLeaveTheEventWithoutAnImageUrl()
    {
        var target = Upcoming();
        target.SetImageUrl("/api/events/1/image?v=abc");

        target.RemoveImage();

        Assert.Null(target.ImageUrl);
    }

    [Fact]
    public void Update_WithANewCapacity_ShouldReturnTheChangeForTheLedgerAndLeaveTheSeatsAlone()
    {
        var target = Upcoming();

        var result = target.Update(null, null, null, 40, confirmedBookings: 25, Now);

        Assert.Equal(new CapacityChange(target.Id, 40), result.Value);
        Assert.Equal(100, target.SeatCapacity);
        Assert.Equal(100, target.AvailableSeats);
    }

    [Fact]
    public void Update_WithoutANewCapacity_ShouldReturnNoCapacityChange() =>
        Assert.Null(Upcoming().Update("Renamed", null, null, null, confirmedBookings: 25, Now).Value);

    [Fact]
    public void Update_WithCapacityEqualToConfirmedBookings_ShouldBeAllowed()
    {
        var target = Upcoming();

        Assert.Equal(new CapacityChange(target.Id, 25), target.Update(null, null, null, 25, confirmedBookings: 25, Now).Value);
    }

    [Fact]
    public void Update_WithCapacityBelowConfirmedBookings_ShouldRefuseAndChangeNothing()
    {
        var target = Upcoming();

        var result = target.Update("Renamed", null, null, 24, confirmedBookings: 25, Now);

        Assert.Equal("CONFLICT", result.Error!.Code);
        Assert.Contains("(25)", result.Error.Message, StringComparison.Ordinal);
        Assert.Equal("Conference", target.Name);
        Assert.Equal(100, target.SeatCapacity);
        Assert.Equal(100, target.AvailableSeats);
    }

    [Fact]
    public void Update_WhenTheEventHasStarted_ShouldRefuseWithAlreadyStarted()
    {
        var target = Upcoming();

        var result = target.Update("Renamed", null, null, null, 0, NextWeek.AddMinutes(1));

        Assert.Equal(EventErrors.AlreadyStarted, result.Error);
        Assert.Equal("Conference", target.Name);
    }

    [Fact]
    public void Update_WithADateNotInTheFuture_ShouldRefuse() =>
        Assert.Equal(EventErrors.DateNotInFuture, Upcoming().Update(null, null, Now.AddHours(-1), null, 0, Now).Error);

    [Theory]
    [InlineData(0)]
    [InlineData(10_001)]
    public void Update_WithCapacityOutOfRange_ShouldRefuse(int capacity) =>
        Assert.Equal(EventErrors.InvalidSeatCapacity, Upcoming().Update(null, null, null, capacity, 0, Now).Error);

    [Theory]
    [InlineData("   ")]
    [InlineData("")]
    public void Update_WithABlankName_ShouldRefuse(string name) =>
        Assert.Equal(EventErrors.InvalidName, Upcoming().Update(name, null, null, null, 0, Now).Error);

    [Fact]
    public void Update_WithATooLongDescription_ShouldRefuse() =>
        Assert.Equal(EventErrors.DescriptionTooLong, Upcoming().Update(null, new string('d', 1001), null, null, 0, Now).Error);

    [Theory]
    [InlineData(1, false, true)]
    [InlineData(2, false, false)]
    [InlineData(2, true, true)]
    public void CanBeManagedBy_ShouldAllowTheCreatorAndAdminsOnly(int userId, bool isAdmin, bool allowed) =>
        Assert.Equal(allowed, Upcoming().CanBeManagedBy(new Actor(userId, isAdmin)));

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, false)]
    public void EnsureCanBeDeleted_ShouldRefuseWhileAConfirmedBookingExists(int confirmed, bool deletable)
    {
        var result = Upcoming().EnsureCanBeDeleted(confirmed);

        Assert.Equal(deletable, result.IsSuccess);
        if (!deletable)
        {
            Assert.Equal(EventErrors.HasBookings, result.Error);
        }
    }

    [Fact]
    public void RequestBooking_WhenTheSnapshotIsSoldOut_ShouldFailWithNoSeatsAvailable()
    {
        var soldOut = Upcoming(capacity: 5).ToSnapshot() with { AvailableSeats = 0 };

        Assert.Equal(EventErrors.NoSeatsAvailable, soldOut.RequestBooking(userId: 2, Now).Error);
    }
}
