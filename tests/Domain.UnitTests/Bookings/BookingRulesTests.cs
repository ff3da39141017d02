using EventBooking.Domain.Bookings;
using EventBooking.Domain.Common;
using EventBooking.Domain.Events;

namespace EventBooking.Domain.UnitTests.Bookings;

public sealed class BookingRulesTests
{
    private static readonly DateTime Now = new(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void EventIsUpcoming_AtTheStartingInstant_ShouldFailWithTheGivenError()
    {
        Assert.True(BookingRules.EventIsUpcoming(Now.AddTicks(1), Now, EventErrors.CannotBookPastEvent).IsSuccess);
        Assert.Equal(EventErrors.CannotBookPastEvent, BookingRules.EventIsUpcoming(Now, Now, EventErrors.CannotBookPastEvent).Error);
    }

    [Fact]
    public void EventHasFreeSeat_ShouldFailOnlyWithNoSeatLeft()
    {
        Assert.True(BookingRules.EventHasFreeSeat(1).IsSuccess);
        Assert.Equal(EventErrors.NoSeatsAvailable, BookingRules.EventHasFreeSeat(0).Error);
    }

    [Fact]
    public void BookingIsConfirmed_WhenCancelled_ShouldFailWithAlreadyCancelled() =>
        Assert.Equal(BookingErrors.AlreadyCancelled, BookingRules.BookingIsConfirmed(BookingStatus.Cancelled).Error);

    [Fact]
    public void OneConfirmedBookingPerUserAndEvent_ShouldCarryTheContractsMessage() =>
        Assert.Equal("You already have a booking for this event", BookingRules.OneConfirmedBookingPerUserAndEvent.Message);

    [Theory]
    [InlineData(4, false, true)]
    [InlineData(5, false, false)]
    [InlineData(5, true, true)]
    public void ActorIsOwnerOrAdmin_ShouldAllowTheOwnerAndAdmins(int actorId, bool isAdmin, bool allowed) =>
        Assert.Equal(allowed, BookingRules.ActorIsOwnerOrAdmin(new Actor(actorId, isAdmin), ownerId: 4, BookingErrors.NotAllowedToCancel).IsSuccess);
}
