using EventBooking.Application.Events.Commands.DeleteEvent;
using EventBooking.Domain.Events;
using NSubstitute;

namespace EventBooking.Application.UnitTests.Events;

public sealed class DeleteEventCommandHandlerTests
{
    private readonly EventHandlerFixture _f = new();
    private readonly DeleteEventCommandHandler _handler;

    public DeleteEventCommandHandlerTests() => _handler = new DeleteEventCommandHandler(_f.Events, _f.UnitOfWork, _f.CurrentUser);

    [Fact]
    public async Task Handle_WhenConfirmedBookingsExist_ShouldRefuseAndRemoveNothing()
    {
        var target = EventHandlerFixture.UpcomingEvent();
        _f.Events.GetForUpdateAsync(3, Arg.Any<CancellationToken>()).Returns(target);
        _f.Events.CountConfirmedBookingsAsync(Arg.Any<int>(), Arg.Any<CancellationToken>()).Returns(1);

        var result = await _handler.Handle(new DeleteEventCommand(3), CancellationToken.None);

        Assert.Equal(EventErrors.HasBookings, result.Error);
        _f.Events.DidNotReceiveWithAnyArgs().Remove(default!);
        await _f.UnitOfWork.DidNotReceiveWithAnyArgs().SaveChangesAsync(default);
    }

    [Fact]
    public async Task Handle_WhenNoConfirmedBookingExists_ShouldRemoveUnderTheLockAndSave()
    {
        var target = EventHandlerFixture.UpcomingEvent();
        _f.Events.GetForUpdateAsync(3, Arg.Any<CancellationToken>()).Returns(target);

        var result = await _handler.Handle(new DeleteEventCommand(3), CancellationToken.None);

        Assert.Equal(DeleteEventCommandHandler.Deleted, result.Value);
        Received.InOrder(() =>
        {
            _f.Events.GetForUpdateAsync(3, Arg.Any<CancellationToken>());
            _f.Events.CountConfirmedBookingsAsync(Arg.Any<int>(), Arg.Any<CancellationToken>());
            _f.Events.Remove(target);
            _f.UnitOfWork.SaveChangesAsync(Arg.Any<CancellationToken>());
        });
    }

    [Fact]
    public async Task Handle_WhenTheCallerIsNotAllowed_ShouldReturnForbidden()
    {
        _f.Events.GetForUpdateAsync(3, Arg.Any<CancellationToken>()).Returns(EventHandlerFixture.UpcomingEvent(createdBy: 1));
        _f.ActAs(userId: 9, isAdmin: false);

        var result = await _handler.Handle(new DeleteEventCommand(3), CancellationToken.None);

        Assert.Equal(EventErrors.NotAllowedToDelete, result.Error);
    }

    [Fact]
    public async Task Handle_WhenTheEventDoesNotExist_ShouldReturnNotFound() =>
        Assert.Equal(EventErrors.NotFound, (await _handler.Handle(new DeleteEventCommand(3), CancellationToken.None)).Error);
}
