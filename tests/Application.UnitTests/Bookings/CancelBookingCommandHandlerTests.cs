using EventBooking.Application.Bookings;
using EventBooking.Application.Bookings.Commands.CancelBooking;
using EventBooking.Application.Common.Interfaces;
using EventBooking.Application.UnitTests.Common;
using EventBooking.Domain.Bookings;
using NSubstitute;

namespace EventBooking.Application.UnitTests.Bookings;

public sealed class CancelBookingCommandHandlerTests
{
    private readonly IBookingRepository _bookings = Substitute.For<IBookingRepository>();
    private readonly IBookingLedger _ledger = Substitute.For<IBookingLedger>();
    private readonly ICurrentUser _currentUser = Substitute.For<ICurrentUser>();
    private readonly CancelBookingCommandHandler _handler;

    public CancelBookingCommandHandlerTests()
    {
        _currentUser.Id.Returns(2);
        _handler = new CancelBookingCommandHandler(_bookings, _ledger, _currentUser, new FixedClock(TestUsers.Now));
    }

    private void Exists(int ownerId = 2, double eventInDays = 3) =>
        _bookings.FindWithEventDateAsync("BK-TEST-AAAAAA", Arg.Any<CancellationToken>())
            .Returns(new BookingWithEventDate(Booking.Confirm("BK-TEST-AAAAAA", ownerId, 7, TestUsers.Now), TestUsers.Now.AddDays(eventInDays)));

    [Fact]
    public async Task Handle_ShouldLookTheBookingUpCaseInsensitively()
    {
        Exists();
        _ledger.CancelAsync("BK-TEST-AAAAAA", 2, Arg.Any<CancellationToken>()).Returns(new CancellationAttempt(true, 7, 4));

        var result = await _handler.Handle(new CancelBookingCommand(" bk-test-aaaaaa "), CancellationToken.None);

        Assert.Equal(CancelBookingCommandHandler.Cancelled, result.Value);
        await _ledger.Received(1).CancelAsync("BK-TEST-AAAAAA", 2, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Handle_WhenSomeoneElsesBooking_ShouldBeForbiddenAndCancelNothing()
    {
        Exists(ownerId: 3);

        var result = await _handler.Handle(new CancelBookingCommand("BK-TEST-AAAAAA"), CancellationToken.None);

        Assert.Equal(BookingErrors.NotAllowedToCancel, result.Error);
        await _ledger.DidNotReceiveWithAnyArgs().CancelAsync(default!, default, default);
    }

    [Fact]
    public async Task Handle_WhenAnAdminCancelsSomeoneElsesBooking_ShouldCancelAsTheAdmin()
    {
        Exists(ownerId: 3);
        _currentUser.IsAdmin.Returns(true);
        _ledger.CancelAsync("BK-TEST-AAAAAA", 2, Arg.Any<CancellationToken>()).Returns(new CancellationAttempt(true, 7, 4));

        var result = await _handler.Handle(new CancelBookingCommand("BK-TEST-AAAAAA"), CancellationToken.None);

        Assert.True(result.IsSuccess);
        await _ledger.Received(1).CancelAsync("BK-TEST-AAAAAA", 2, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Handle_WhenTheEventIsPast_ShouldRefuse()
    {
        Exists(eventInDays: -1);

        var result = await _handler.Handle(new CancelBookingCommand("BK-TEST-AAAAAA"), CancellationToken.None);

        Assert.Equal(BookingErrors.CannotCancelPastEvent, result.Error);
    }

    [Fact]
    public async Task Handle_WhenAConcurrentCancelWon_ShouldAnswerAlreadyCancelled()
    {
        Exists();
        _ledger.CancelAsync(default!, default, default).ReturnsForAnyArgs(new CancellationAttempt(false));

        var result = await _handler.Handle(new CancelBookingCommand("BK-TEST-AAAAAA"), CancellationToken.None);

        Assert.Equal(BookingErrors.AlreadyCancelled, result.Error);
    }

    [Fact]
    public async Task Handle_WhenUnknown_ShouldReturnNotFound() =>
        Assert.Equal(BookingErrors.NotFound, (await _handler.Handle(new CancelBookingCommand("BK-NOPE"), CancellationToken.None)).Error);
}
