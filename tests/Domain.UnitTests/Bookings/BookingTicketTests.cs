using EventBooking.Domain.Bookings;
using EventBooking.Domain.Common;
using EventBooking.Domain.Tickets;

namespace EventBooking.Domain.UnitTests.Bookings;

/// <summary>The booking's ticket and check-in rules (docs/adr/0017); the races are the ledger's (CheckInTests).</summary>
public sealed class BookingTicketTests
{
    private static readonly DateTime Now = new(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);

    private static Booking Confirmed(int userId = 2) =>
        new BookingRequest(EventId: 7, userId, Now.AddDays(-1)).Confirmed("BK-TEST-000001", Now.AddDays(-1));

    private static TicketClaims Ticket(int eventId = 7, int holderId = 2, string bookingId = "BK-TEST-000001") =>
        new(bookingId, eventId, holderId, "Ada", Now);

    [Fact]
    public void IssueTicket_ToTheHolder_ShouldCarryTheBookingTheHolderAndTheTime() =>
        Assert.Equal(new TicketClaims("BK-TEST-000001", 7, 2, "Ada", Now), Confirmed().IssueTicket(new Actor(2, false), "Ada", Now).Value);

    [Fact]
    public void IssueTicket_ToAnAdmin_ShouldStillNameTheHolder() =>
        Assert.Equal(2, Confirmed().IssueTicket(new Actor(9, IsAdmin: true), "Ada", Now).Value.HolderId);

    [Fact]
    public void IssueTicket_ToSomeoneElse_ShouldBeForbidden() =>
        Assert.Equal(TicketErrors.NotAllowedToViewTicket, Confirmed().IssueTicket(new Actor(3, false), "Ada", Now).Error);

    [Fact]
    public void CheckInWith_ItsOwnTicket_ShouldReturnTheCheckInForTheActor() =>
        Assert.Equal(new BookingCheckIn("BK-TEST-000001", 7, TicketHolderId: 2, ActorId: 9), Confirmed().CheckInWith(Ticket(), actorId: 9).Value);

    [Theory]
    [InlineData(8, "BK-TEST-000001")]
    [InlineData(7, "BK-TEST-000002")]
    public void CheckInWith_ATicketOfAnotherEventOrBooking_ShouldBeRefused(int eventId, string bookingId) =>
        Assert.Equal(TicketErrors.ForAnotherEvent, Confirmed().CheckInWith(Ticket(eventId, bookingId: bookingId), actorId: 9).Error);

    [Fact]
    public void CheckInWith_ATicketIssuedToAnEarlierHolder_ShouldBeRefused() =>
        Assert.Equal(TicketErrors.HolderChanged, Confirmed(userId: 5).CheckInWith(Ticket(holderId: 2), actorId: 9).Error);

    [Fact]
    public void UndoCheckIn_WhenNotCheckedIn_ShouldBeNotFound() =>
        Assert.Equal(TicketErrors.NotCheckedIn, Confirmed().UndoCheckIn(actorId: 9).Error);

    [Fact]
    public void AlreadyCheckedIn_ShouldNameTheFirstTimeAndWhoInTheMessageAndTheDetails()
    {
        var error = TicketErrors.AlreadyCheckedIn(Now, 4, "Olga");

        Assert.Equal(ErrorType.Conflict, error.Type);
        Assert.Equal("ALREADY_CHECKED_IN", error.Code);
        Assert.Equal("Already checked in at 2026-11-25T12:00:00.000Z by Olga", error.Message);
        Assert.Equal([new ErrorDetail("checkedInAt", "2026-11-25T12:00:00.000Z"), new ErrorDetail("checkedInBy", "Olga (user 4)")], error.Details);
        Assert.Equal("Already checked in at 2026-11-25T12:00:00.000Z by a deleted account", TicketErrors.AlreadyCheckedIn(Now, null, null).Message);
    }
}
