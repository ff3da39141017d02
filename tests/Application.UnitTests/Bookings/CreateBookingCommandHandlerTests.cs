using EventBooking.Application.Bookings;
using EventBooking.Application.Bookings.Commands.CreateBooking;
using EventBooking.Application.Common.Interfaces;
using EventBooking.Application.UnitTests.Common;
using EventBooking.Domain.Bookings;
using EventBooking.Domain.Events;
using NSubstitute;

namespace EventBooking.Application.UnitTests.Bookings;

public sealed class CreateBookingCommandHandlerTests
{
    private readonly IEventRepository _events = Substitute.For<IEventRepository>();
    private readonly IBookingLedger _ledger = Substitute.For<IBookingLedger>();
    private readonly ICurrentUser _currentUser = Substitute.For<ICurrentUser>();
    private readonly CreateBookingCommandHandler _handler;

    public CreateBookingCommandHandlerTests()
    {
        _currentUser.Id.Returns(5);
        _handler = new CreateBookingCommandHandler(_events, _ledger, _currentUser, new FixedClock(TestUsers.Now));
    }

    private static Event Upcoming(int capacity = 10) =>
        Event.Schedule("Gig", null, TestUsers.Now.AddDays(2), capacity, createdBy: 1, TestUsers.Now).Value;

    [Fact]
    public async Task Handle_WhenTheEventIsUnknown_ShouldReturnNotFoundWithoutCallingTheDatabaseFunction()
    {
        var result = await _handler.Handle(new CreateBookingCommand(9), CancellationToken.None);

        Assert.Equal(EventErrors.NotFound, result.Error);
        await _ledger.DidNotReceiveWithAnyArgs().CreateAsync(default, default, default!, default);
    }

    [Fact]
    public async Task Handle_WhenTheEventIsPast_ShouldRefuseWithoutCallingTheDatabaseFunction()
    {
        var past = Upcoming();
        _events.GetAsync(9, Arg.Any<CancellationToken>()).Returns(past);
        var handler = new CreateBookingCommandHandler(_events, _ledger, _currentUser, new FixedClock(TestUsers.Now.AddDays(3)));

        var result = await handler.Handle(new CreateBookingCommand(9), CancellationToken.None);

        Assert.Equal(EventErrors.CannotBookPastEvent, result.Error);
        await _ledger.DidNotReceiveWithAnyArgs().CreateAsync(default, default, default!, default);
    }

    [Fact]
    public async Task Handle_WhenBooked_ShouldAnswerWithTheSeatsLeftAfterThisBooking()
    {
        _events.GetAsync(9, Arg.Any<CancellationToken>()).Returns(Upcoming(capacity: 10));
        _ledger.CreateAsync(5, Arg.Any<int>(), Arg.Any<string>(), Arg.Any<CancellationToken>())
            .Returns(new BookingAttempt(BookingAttemptStatus.Created, TestUsers.Now, AvailableSeats: 3));

        var result = await _handler.Handle(new CreateBookingCommand(9), CancellationToken.None);

        Assert.True(result.IsSuccess);
        Assert.Matches("^BK-[0-9A-Z]+-[0-9A-Z]{6}$", result.Value.BookingId);
        Assert.Equal(BookingStatus.Confirmed, result.Value.Status);
        Assert.Equal(3, result.Value.Event.AvailableSeats);
        Assert.Equal(10, result.Value.Event.SeatCapacity);
        await _ledger.Received(1).CreateAsync(5, Arg.Any<int>(), result.Value.BookingId, Arg.Any<CancellationToken>());
    }

    [Theory]
    [InlineData(BookingAttemptStatus.SoldOut, "No seats available for this event")]
    [InlineData(BookingAttemptStatus.AlreadyBooked, "You already have a booking for this event")]
    [InlineData(BookingAttemptStatus.EventNotFound, "Event not found")]
    [InlineData(BookingAttemptStatus.UserNotFound, "Invalid or expired token")]
    public async Task Handle_WhenTheDatabaseFunctionSaysNo_ShouldMapItToTheContractError(BookingAttemptStatus status, string message)
    {
        _events.GetAsync(9, Arg.Any<CancellationToken>()).Returns(Upcoming());
        _ledger.CreateAsync(default, default, default!, default).ReturnsForAnyArgs(new BookingAttempt(status));

        var result = await _handler.Handle(new CreateBookingCommand(9), CancellationToken.None);

        Assert.Equal(message, result.Error!.Message);
    }

    [Fact]
    public async Task Handle_WhenTheBookingIdCollides_ShouldRetryWithAFreshId()
    {
        _events.GetAsync(9, Arg.Any<CancellationToken>()).Returns(Upcoming());
        var ids = new List<string>();
        _ledger.CreateAsync(default, default, default!, default).ReturnsForAnyArgs(
            call =>
            {
                ids.Add(call.ArgAt<string>(2));
                return ids.Count == 1
                    ? new BookingAttempt(BookingAttemptStatus.BookingIdTaken)
                    : new BookingAttempt(BookingAttemptStatus.Created, TestUsers.Now, 5);
            });

        var result = await _handler.Handle(new CreateBookingCommand(9), CancellationToken.None);

        Assert.True(result.IsSuccess);
        Assert.Equal(2, ids.Count);
        Assert.NotEqual(ids[0], ids[1]);
        Assert.Equal(ids[1], result.Value.BookingId);
    }
}
