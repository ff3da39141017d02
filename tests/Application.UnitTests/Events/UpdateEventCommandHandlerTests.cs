using EventBooking.Application.Bookings;
using EventBooking.Application.Events;
using EventBooking.Application.Events.Commands.UpdateEvent;
using EventBooking.Domain.Common;
using EventBooking.Domain.Events;
using NSubstitute;

namespace EventBooking.Application.UnitTests.Events;

public sealed class UpdateEventCommandHandlerTests
{
    private readonly EventHandlerFixture _f = new();
    private readonly UpdateEventCommandHandler _handler;

    public UpdateEventCommandHandlerTests() =>
        _handler = new UpdateEventCommandHandler(_f.Events, _f.Images, _f.Reads, _f.UnitOfWork, _f.Ledger, _f.CurrentUser, _f.Clock);

    [Fact]
    public async Task Handle_WhenTheEventDoesNotExist_ShouldReturnNotFound()
    {
        var result = await _handler.Handle(new UpdateEventCommand(7, "New", null, null, null, null), CancellationToken.None);

        Assert.Equal(EventErrors.NotFound, result.Error);
        await _f.UnitOfWork.DidNotReceiveWithAnyArgs().SaveChangesAsync(default);
    }

    [Fact]
    public async Task Handle_WhenTheCallerIsNeitherCreatorNorAdmin_ShouldReturnForbiddenAndSaveNothing()
    {
        _f.Events.GetForUpdateAsync(7, Arg.Any<CancellationToken>()).Returns(EventHandlerFixture.UpcomingEvent(createdBy: 1));
        _f.ActAs(userId: 2, isAdmin: false);

        var result = await _handler.Handle(new UpdateEventCommand(7, "New", null, null, null, null), CancellationToken.None);

        Assert.Equal(EventErrors.NotAllowedToUpdate, result.Error);
        await _f.UnitOfWork.DidNotReceiveWithAnyArgs().SaveChangesAsync(default);
    }

    [Fact]
    public async Task Handle_WhenTheCreatorChangesCapacity_ShouldCountUnderTheLockAndLeaveTheSeatsToTheLedger()
    {
        var target = EventHandlerFixture.UpcomingEvent(createdBy: 2);
        _f.Events.GetForUpdateAsync(7, Arg.Any<CancellationToken>()).Returns(target);
        _f.Events.CountConfirmedBookingsAsync(Arg.Any<int>(), Arg.Any<CancellationToken>()).Returns(30);
        _f.Ledger.ChangeCapacityAsync(default!, default).ReturnsForAnyArgs(new SeatCount(target.Id, 20));
        _f.ActAs(userId: 2, isAdmin: false);

        var result = await _handler.Handle(new UpdateEventCommand(7, null, null, null, 50, null), CancellationToken.None);

        Assert.True(result.IsSuccess);
        Assert.Equal(100, target.SeatCapacity);
        Received.InOrder(() =>
        {
            _f.Events.GetForUpdateAsync(7, Arg.Any<CancellationToken>());
            _f.Events.CountConfirmedBookingsAsync(Arg.Any<int>(), Arg.Any<CancellationToken>());
            _f.UnitOfWork.SaveChangesAsync(Arg.Any<CancellationToken>());
            _f.Ledger.ChangeCapacityAsync(new CapacityChange(target.Id, 50), Arg.Any<CancellationToken>());
        });
    }

    [Fact]
    public async Task Handle_WhenTheLedgerRefusesTheCapacity_ShouldReturnItsError()
    {
        _f.Events.GetForUpdateAsync(7, Arg.Any<CancellationToken>()).Returns(EventHandlerFixture.UpcomingEvent());
        _f.Ledger.ChangeCapacityAsync(default!, default).ReturnsForAnyArgs(Result<SeatCount>.Failure(EventErrors.AlreadyStarted));

        var result = await _handler.Handle(new UpdateEventCommand(7, null, null, null, 50, null), CancellationToken.None);

        Assert.Equal(EventErrors.AlreadyStarted, result.Error);
    }

    [Fact]
    public async Task Handle_WhenCapacityIsNotChanged_ShouldNeitherCountBookingsNorPublish()
    {
        _f.Events.GetForUpdateAsync(7, Arg.Any<CancellationToken>()).Returns(EventHandlerFixture.UpcomingEvent());

        var result = await _handler.Handle(new UpdateEventCommand(7, "Renamed", null, null, null, null), CancellationToken.None);

        Assert.True(result.IsSuccess);
        await _f.Events.DidNotReceiveWithAnyArgs().CountConfirmedBookingsAsync(default, default);
        await _f.Ledger.DidNotReceiveWithAnyArgs().ChangeCapacityAsync(default!, default);
        await _f.UnitOfWork.Received(1).SaveChangesAsync(Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Handle_WhenCapacityWouldDropBelowConfirmedBookings_ShouldRefuseWithoutSavingOrPublishing()
    {
        _f.Events.GetForUpdateAsync(7, Arg.Any<CancellationToken>()).Returns(EventHandlerFixture.UpcomingEvent());
        _f.Events.CountConfirmedBookingsAsync(Arg.Any<int>(), Arg.Any<CancellationToken>()).Returns(30);

        var result = await _handler.Handle(new UpdateEventCommand(7, null, null, null, 29, null), CancellationToken.None);

        Assert.Equal("CONFLICT", result.Error!.Code);
        await _f.UnitOfWork.DidNotReceiveWithAnyArgs().SaveChangesAsync(default);
        await _f.Ledger.DidNotReceiveWithAnyArgs().ChangeCapacityAsync(default!, default);
    }

    [Fact]
    public async Task Handle_WhenTheUploadIsNotAnImage_ShouldRefuseBeforeLoadingTheEvent()
    {
        var result = await _handler.Handle(new UpdateEventCommand(7, null, null, null, null, "not an image"u8.ToArray()), CancellationToken.None);

        Assert.Equal(EventErrors.InvalidImageType, result.Error);
        await _f.Events.DidNotReceiveWithAnyArgs().GetForUpdateAsync(default, default);
    }

    [Fact]
    public async Task Handle_WithANewImage_ShouldStoreItAndPointImageUrlAtTheNewVersion()
    {
        var target = EventHandlerFixture.UpcomingEvent();
        _f.Events.GetForUpdateAsync(7, Arg.Any<CancellationToken>()).Returns(target);
        _f.Images.SaveAsync(Arg.Any<int>(), Arg.Any<EventImage>(), Arg.Any<CancellationToken>()).Returns("abc123");
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3];

        var result = await _handler.Handle(new UpdateEventCommand(7, null, null, null, null, png), CancellationToken.None);

        Assert.True(result.IsSuccess);
        Assert.Equal(EventImageUrl.For(target.Id, "abc123"), target.ImageUrl);
        await _f.Images.Received(1).SaveAsync(target.Id, Arg.Is<EventImage>(i => i.ContentType == "image/png"), Arg.Any<CancellationToken>());
    }
}
