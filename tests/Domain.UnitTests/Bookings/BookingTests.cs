using EventBooking.Domain.Bookings;
using EventBooking.Domain.Common;

namespace EventBooking.Domain.UnitTests.Bookings;

public sealed class BookingTests
{
    private static readonly DateTime Now = new(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Ahead = Now.AddDays(3);

    private static Booking Confirmed(int userId = 2) =>
        new BookingRequest(EventId: 7, userId, Now.AddDays(-1)).Confirmed("BK-TEST-000001", Now.AddDays(-1));

    [Fact]
    public void Confirmed_ShouldBeTheRequestersConfirmedBookingUnderTheGivenId()
    {
        var booking = Confirmed();

        Assert.Equal("BK-TEST-000001", booking.BookingId);
        Assert.Equal(BookingStatus.Confirmed, booking.Status);
        Assert.Equal(7, booking.EventId);
        Assert.Null(booking.CancelledAt);
        Assert.True(booking.IsOwnedBy(2));
    }

    [Fact]
    public void Cancel_ByTheOwnerBeforeTheEvent_ShouldReturnTheCancellationAsTheOwner() =>
        Assert.Equal(new BookingCancellation("BK-TEST-000001", 7, ActorId: 2), Confirmed().Cancel(new Actor(2, false), Ahead, Now).Value);

    [Fact]
    public void Cancel_ByAnAdmin_ShouldRecordTheAdminAsTheActor() =>
        Assert.Equal(9, Confirmed().Cancel(new Actor(9, IsAdmin: true), Ahead, Now).Value.ActorId);

    [Fact]
    public void Cancel_BySomeoneElse_ShouldBeForbidden() =>
        Assert.Equal(BookingErrors.NotAllowedToCancel, Confirmed().Cancel(new Actor(3, false), Ahead, Now).Error);

    [Fact]
    public void Cancel_WhenTheEventHasStarted_ShouldFail()
    {
        var result = Confirmed().Cancel(new Actor(2, false), Now, Now);

        Assert.Equal(BookingErrors.CannotCancelPastEvent, result.Error);
        Assert.Equal("BOOKING_CONFLICT", result.Error!.Code);
    }

    [Fact]
    public void TransferTo_ByTheOwner_ShouldReturnTheTransferFromOwnerToRecipient() =>
        Assert.Equal(
            new BookingTransfer("BK-TEST-000001", 7, FromUserId: 2, ToUserId: 5, ActorId: 2),
            Confirmed().TransferTo(5, new Actor(2, false), Ahead, Now).Value);

    [Fact]
    public void TransferTo_TheCurrentHolder_ShouldFail() =>
        Assert.Equal(BookingErrors.AlreadyHeldByRecipient, Confirmed().TransferTo(2, new Actor(9, true), Ahead, Now).Error);

    [Fact]
    public void TransferTo_BySomeoneElse_ShouldBeForbidden() =>
        Assert.Equal(BookingErrors.NotAllowedToTransfer, Confirmed().TransferTo(5, new Actor(3, false), Ahead, Now).Error);

    [Fact]
    public void TransferTo_WhenTheEventHasStarted_ShouldFail() =>
        Assert.Equal(BookingErrors.CannotTransferPastEvent, Confirmed().TransferTo(5, new Actor(2, false), Now.AddMinutes(-1), Now).Error);

    [Theory]
    [InlineData(2, false, true)]
    [InlineData(3, false, false)]
    [InlineData(3, true, true)]
    public void IsAccessibleTo_ShouldAllowTheOwnerAndAdminsOnly(int userId, bool isAdmin, bool allowed) =>
        Assert.Equal(allowed, Confirmed(userId: 2).IsAccessibleTo(new Actor(userId, isAdmin)));
}
