using EventBooking.Domain.Bookings;

namespace EventBooking.Domain.UnitTests.Bookings;

public sealed class BookingTests
{
    private static readonly DateTime Now = new(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);

    private static Booking Confirmed(int userId = 2) => Booking.Confirm("BK-TEST-000001", userId, eventId: 7, Now.AddDays(-1));

    [Fact]
    public void EnsureCanBeCancelled_WhenConfirmedAndTheEventIsAhead_ShouldSucceed() =>
        Assert.True(Confirmed().EnsureCanBeCancelled(Now.AddDays(3), Now).IsSuccess);

    [Fact]
    public void EnsureCanBeCancelled_WhenTheEventHasStarted_ShouldFail()
    {
        var result = Confirmed().EnsureCanBeCancelled(Now.AddMinutes(-1), Now);

        Assert.Equal(BookingErrors.CannotCancelPastEvent, result.Error);
        Assert.Equal("BOOKING_CONFLICT", result.Error!.Code);
    }

    [Theory]
    [InlineData(2, false, true)]
    [InlineData(3, false, false)]
    [InlineData(3, true, true)]
    public void IsAccessibleTo_ShouldAllowTheOwnerAndAdminsOnly(int userId, bool isAdmin, bool allowed) =>
        Assert.Equal(allowed, Confirmed(userId: 2).IsAccessibleTo(userId, isAdmin));

    [Fact]
    public void Confirm_ShouldStartConfirmedAndNotCancelled()
    {
        var booking = Confirmed();

        Assert.Equal(BookingStatus.Confirmed, booking.Status);
        Assert.Null(booking.CancelledAt);
        Assert.True(booking.IsOwnedBy(2));
    }
}
