using EventBooking.Application.Bookings;
using EventBooking.Application.Bookings.Commands.TransferBooking;
using EventBooking.Application.Common.Interfaces;
using EventBooking.Application.UnitTests.Common;
using EventBooking.Domain.Bookings;
using EventBooking.Domain.Common;
using EventBooking.Domain.Users;
using NSubstitute;

namespace EventBooking.Application.UnitTests.Bookings;

public sealed class TransferBookingCommandHandlerTests
{
    private readonly IBookingRepository _bookings = Substitute.For<IBookingRepository>();
    private readonly IUserRepository _users = Substitute.For<IUserRepository>();
    private readonly ISeatLedger _ledger = Substitute.For<ISeatLedger>();
    private readonly ICurrentUser _currentUser = Substitute.For<ICurrentUser>();
    private readonly User _recipient = TestUsers.Regular();
    private readonly TransferBookingCommandHandler _handler;

    public TransferBookingCommandHandlerTests()
    {
        _currentUser.Id.Returns(2);
        _currentUser.Actor.Returns(_ => new Actor(_currentUser.Id, _currentUser.IsAdmin));
        _users.GetByEmailAsync(_recipient.Email, Arg.Any<CancellationToken>()).Returns(_recipient);
        _bookings.FindWithEventDateAsync("BK-TEST-AAAAAA", Arg.Any<CancellationToken>())
            .Returns(new BookingWithEventDate(new BookingRequest(7, 2, TestUsers.Now).Confirmed("BK-TEST-AAAAAA", TestUsers.Now), TestUsers.Now.AddDays(3)));
        _handler = new TransferBookingCommandHandler(_bookings, _users, _ledger, _currentUser, new FixedClock(TestUsers.Now));
    }

    [Fact]
    public async Task Handle_ByTheOwner_ShouldFindTheRecipientByNormalisedEmailAndHandTheSeatOver()
    {
        _ledger.TransferAsync(default!, default).ReturnsForAnyArgs(new SeatCount(7, 4));

        var result = await _handler.Handle(new TransferBookingCommand(" bk-test-aaaaaa ", $" {_recipient.Email.ToUpperInvariant()} "), CancellationToken.None);

        Assert.Equal(new UserSummary(_recipient.Id, _recipient.Name, _recipient.Email), result.Value.TransferredTo);
        Assert.Equal(4, result.Value.AvailableSeats);
        await _ledger.Received(1).TransferAsync(
            new BookingTransfer("BK-TEST-AAAAAA", 7, FromUserId: 2, ToUserId: _recipient.Id, ActorId: 2), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Handle_ByAStranger_ShouldBeForbiddenBeforeTheRecipientIsLookedUp()
    {
        _currentUser.Id.Returns(3);

        var result = await _handler.Handle(new TransferBookingCommand("BK-TEST-AAAAAA", _recipient.Email), CancellationToken.None);

        Assert.Equal(BookingErrors.NotAllowedToTransfer, result.Error);
        await _users.DidNotReceiveWithAnyArgs().GetByEmailAsync(default!, default);
        await _ledger.DidNotReceiveWithAnyArgs().TransferAsync(default!, default);
    }

    [Fact]
    public async Task Handle_WhenNoAccountHasTheEmail_ShouldAnswerRecipientNotFound() =>
        Assert.Equal(
            BookingErrors.RecipientNotFound,
            (await _handler.Handle(new TransferBookingCommand("BK-TEST-AAAAAA", "nobody@example.com"), CancellationToken.None)).Error);

    [Fact]
    public async Task Handle_WhenTheLedgerRefuses_ShouldReturnItsError()
    {
        _ledger.TransferAsync(default!, default).ReturnsForAnyArgs(Result<SeatCount>.Failure(BookingErrors.RecipientAlreadyBooked));

        var result = await _handler.Handle(new TransferBookingCommand("BK-TEST-AAAAAA", _recipient.Email), CancellationToken.None);

        Assert.Equal(BookingErrors.RecipientAlreadyBooked, result.Error);
    }

    [Fact]
    public async Task Handle_WhenTheBookingIsUnknown_ShouldAnswerNotFound() =>
        Assert.Equal(BookingErrors.NotFound, (await _handler.Handle(new TransferBookingCommand("BK-NOPE", _recipient.Email), CancellationToken.None)).Error);
}
