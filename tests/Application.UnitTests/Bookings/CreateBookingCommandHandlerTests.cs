using EventBooking.Application.Bookings;
using EventBooking.Application.Bookings.Commands.CreateBooking;
using EventBooking.Application.Common.Interfaces;
using EventBooking.Application.UnitTests.Common;
using EventBooking.Domain.Bookings;
using EventBooking.Domain.Common;
using EventBooking.Domain.Events;
using EventBooking.Domain.Users;
using NSubstitute;

namespace EventBooking.Application.UnitTests.Bookings;

public sealed class CreateBookingCommandHandlerTests
{
    private readonly IEventRepository _events = Substitute.For<IEventRepository>();
    private readonly ISeatLedger _ledger = Substitute.For<ISeatLedger>();
    private readonly ICurrentUser _currentUser = Substitute.For<ICurrentUser>();
    private readonly TestMetrics _metrics = new();
    private readonly CreateBookingCommandHandler _handler;

    public CreateBookingCommandHandlerTests()
    {
        _currentUser.Id.Returns(5);
        _handler = new CreateBookingCommandHandler(_events, _ledger, _currentUser, new FixedClock(TestUsers.Now), _metrics.Metrics);
    }

    private static EventSnapshot Upcoming(int capacity = 10, int available = 10) =>
        new(9, "Gig", TestUsers.Now.AddDays(2), capacity, available, CreatedBy: 1);

    [Fact]
    public async Task Handle_WhenTheEventIsUnknown_ShouldReturnNotFoundWithoutCallingTheLedger()
    {
        var result = await _handler.Handle(new CreateBookingCommand(9), CancellationToken.None);

        Assert.Equal(EventErrors.NotFound, result.Error);
        await _ledger.DidNotReceiveWithAnyArgs().ConfirmAsync(default!, default);
    }

    [Fact]
    public async Task Handle_WhenTheEventIsPast_ShouldRefuseWithoutCallingTheLedger()
    {
        _events.GetSnapshotAsync(9, Arg.Any<CancellationToken>()).Returns(Upcoming());
        var handler = new CreateBookingCommandHandler(_events, _ledger, _currentUser, new FixedClock(TestUsers.Now.AddDays(3)), _metrics.Metrics);

        var result = await handler.Handle(new CreateBookingCommand(9), CancellationToken.None);

        Assert.Equal(EventErrors.CannotBookPastEvent, result.Error);
        await _ledger.DidNotReceiveWithAnyArgs().ConfirmAsync(default!, default);
        Assert.Equal(1, _metrics.Sum("eventbooking.bookings", "event_started"));
    }

    [Fact]
    public async Task Handle_WhenTheSnapshotIsSoldOut_ShouldRefuseWithoutCallingTheLedger()
    {
        _events.GetSnapshotAsync(9, Arg.Any<CancellationToken>()).Returns(Upcoming(available: 0));

        var result = await _handler.Handle(new CreateBookingCommand(9), CancellationToken.None);

        Assert.Equal(EventErrors.NoSeatsAvailable, result.Error);
        await _ledger.DidNotReceiveWithAnyArgs().ConfirmAsync(default!, default);
        Assert.Equal(1, _metrics.Sum("eventbooking.bookings", "sold_out"));
    }

    [Fact]
    public async Task Handle_WhenConfirmed_ShouldAskForTheCallersSeatAndAnswerWithTheSeatsLeftAfterIt()
    {
        _events.GetSnapshotAsync(9, Arg.Any<CancellationToken>()).Returns(Upcoming(capacity: 10));
        var expected = new BookingRequest(9, 5, TestUsers.Now);
        _ledger.ConfirmAsync(expected, Arg.Any<CancellationToken>())
            .Returns(new SeatConfirmation(expected.Confirmed("BK-TEST-ABCDEF", TestUsers.Now), AvailableSeats: 3));

        var result = await _handler.Handle(new CreateBookingCommand(9), CancellationToken.None);

        Assert.True(result.IsSuccess);
        Assert.Equal("BK-TEST-ABCDEF", result.Value.BookingId);
        Assert.Equal(BookingStatus.Confirmed, result.Value.Status);
        Assert.Equal(TestUsers.Now, result.Value.CreatedAt);
        Assert.Equal(3, result.Value.Event.AvailableSeats);
        Assert.Equal(10, result.Value.Event.SeatCapacity);
    }

    public static TheoryData<string> LedgerRefusals => ["NoSeats", "AlreadyBooked", "Started", "Gone"];

    [Theory]
    [MemberData(nameof(LedgerRefusals))]
    public async Task Handle_WhenTheLedgerRefuses_ShouldReturnItsDomainErrorUnchanged(string refusal)
    {
        var error = refusal switch
        {
            "NoSeats" => EventErrors.NoSeatsAvailable,
            "AlreadyBooked" => BookingRules.OneConfirmedBookingPerUserAndEvent,
            "Started" => EventErrors.CannotBookPastEvent,
            _ => UserErrors.AccountGone,
        };
        _events.GetSnapshotAsync(9, Arg.Any<CancellationToken>()).Returns(Upcoming());
        _ledger.ConfirmAsync(default!, default).ReturnsForAnyArgs(Result<SeatConfirmation>.Failure(error));

        var result = await _handler.Handle(new CreateBookingCommand(9), CancellationToken.None);

        Assert.Equal(error, result.Error);
    }
}
