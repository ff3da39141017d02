using EventBooking.Application.Bookings;
using EventBooking.Application.Bookings.Commands.CancelBooking;
using EventBooking.Application.Common.Interfaces;
using EventBooking.Application.UnitTests.Common;
using EventBooking.Domain.Bookings;
using EventBooking.Domain.Common;
using NSubstitute;

namespace EventBooking.Application.UnitTests.Bookings;

public sealed class CancelBookingCommandHandlerTests
{
    private readonly IBookingRepository _bookings = Substitute.For<IBookingRepository>();
    private readonly ISeatLedger _ledger = Substitute.For<ISeatLedger>();
    private readonly ICurrentUser _currentUser = Substitute.For<ICurrentUser>();
    private readonly CancelBookingCommandHandler _handler;

    public CancelBookingCommandHandlerTests()
    {
        _currentUser.Id.Returns(2);
        _currentUser.Actor.Returns(_ => new Actor(_currentUser.Id, _currentUser.IsAdmin));
        _handler = new CancelBookingCommandHandler(_bookings, _ledger, _currentUser, new FixedClock(TestUsers.Now));
    }

    private void Exists(int ownerId = 2, double eventInDays = 3) =>
        _bookings.FindWithEventDateAsync("BK-TEST-AAAAAA", Arg.Any<CancellationToken>())
            .Returns(new BookingWithEventDate(
                new BookingRequest(7, ownerId, TestUsers.Now).Confirmed("BK-TEST-AAAAAA", TestUsers.Now), TestUsers.Now.AddDays(eventInDays)));

    [Fact]
    public async Task Handle_ShouldLookTheBookingUpCaseInsensitivelyAndCancelAsTheCaller()
    {
        Exists();
        _ledger.CancelAsync(new BookingCancellation("BK-TEST-AAAAAA", 7, 2), Arg.Any<CancellationToken>()).Returns(new SeatCount(7, 4));

        var result = await _handler.Handle(new CancelBookingCommand(" bk-test-aaaaaa "), CancellationToken.None);

        Assert.Equal(CancelBookingCommandHandler.Cancelled, result.Value);
        await _ledger.Received(1).CancelAsync(new BookingCancellation("BK-TEST-AAAAAA", 7, 2), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Handle_WhenSomeoneElsesBooking_ShouldBeForbiddenAndCancelNothing()
    {
        Exists(ownerId: 3);

        var result = await _handler.Handle(new CancelBookingCommand("BK-TEST-AAAAAA"), CancellationToken.None);

        Assert.Equal(BookingErrors.NotAllowedToCancel, result.Error);
        await _ledger.DidNotReceiveWithAnyArgs().CancelAsync(default!, default);
    }

    [Fact]
    public async Task Handle_WhenAnAdminCancelsSomeoneElsesBooking_ShouldCancelAsTheAdmin()
    {
        Exists(ownerId: 3);
        _currentUser.IsAdmin.Returns(true);
        _ledger.CancelAsync(default!, default).ReturnsForAnyArgs(new SeatCount(7, 4));

        var result = await _handler.Handle(new CancelBookingCommand("BK-TEST-AAAAAA"), CancellationToken.None);

        Assert.True(result.IsSuccess);
        await _ledger.Received(1).CancelAsync(new BookingCancellation("BK-TEST-AAAAAA", 7, ActorId: 2), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Handle_WhenTheEventIsPast_ShouldRefuseWithoutCallingTheLedger()
    {
        Exists(eventInDays: -1);

        var result = await _handler.Handle(new CancelBookingCommand("BK-TEST-AAAAAA"), CancellationToken.None);

        Assert.Equal(BookingErrors.CannotCancelPastEvent, result.Error);
        await _ledger.DidNotReceiveWithAnyArgs().CancelAsync(default!, default);
    }

    [Fact]
    public async Task Handle_WhenAConcurrentCancelWon_ShouldAnswerTheLedgersError()
    {
        Exists();
        _ledger.CancelAsync(default!, default).ReturnsForAnyArgs(Result<SeatCount>.Failure(BookingErrors.AlreadyCancelled));

        var result = await _handler.Handle(new CancelBookingCommand("BK-TEST-AAAAAA"), CancellationToken.None);

        Assert.Equal(BookingErrors.AlreadyCancelled, result.Error);
    }

    [Fact]
    public async Task Handle_WhenUnknown_ShouldReturnNotFound() =>
        Assert.Equal(BookingErrors.NotFound, (await _handler.Handle(new CancelBookingCommand("BK-NOPE"), CancellationToken.None)).Error);
}
