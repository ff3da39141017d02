using EventBooking.Application.Events;
using EventBooking.Application.Events.Commands.CreateEvent;
using EventBooking.Application.UnitTests.Common;
using EventBooking.Domain.Events;
using NSubstitute;

namespace EventBooking.Application.UnitTests.Events;

public sealed class CreateEventCommandHandlerTests
{
    private readonly EventHandlerFixture _f = new();
    private readonly CreateEventCommandHandler _handler;

    public CreateEventCommandHandlerTests() =>
        _handler = new CreateEventCommandHandler(_f.Events, _f.Images, _f.Reads, _f.UnitOfWork, _f.CurrentUser, _f.Clock);

    [Fact]
    public async Task Handle_WhenTheDateIsInThePast_ShouldRefuseWithoutStoringAnything()
    {
        var result = await _handler.Handle(new CreateEventCommand("Past", null, TestUsers.Now.AddDays(-1), 10, null), CancellationToken.None);

        Assert.Equal(EventErrors.DateNotInFuture, result.Error);
        _f.Events.DidNotReceiveWithAnyArgs().Add(default!);
    }

    [Fact]
    public async Task Handle_WithAValidEvent_ShouldAddItAsTheCallersAndSave()
    {
        var result = await _handler.Handle(new CreateEventCommand("Launch", "Big", TestUsers.Now.AddDays(3), 10, null), CancellationToken.None);

        Assert.True(result.IsSuccess);
        _f.Events.Received(1).Add(Arg.Is<Event>(e => e.Name == "Launch" && e.CreatedBy == 1 && e.AvailableSeats == 10));
        await _f.UnitOfWork.Received(1).SaveChangesAsync(Arg.Any<CancellationToken>());
        await _f.Images.DidNotReceiveWithAnyArgs().SaveAsync(default, default!, default);
    }

    [Fact]
    public async Task Handle_WithAnImage_ShouldSaveTheEventThenStoreTheImageAndPointAtIt()
    {
        _f.Images.SaveAsync(Arg.Any<int>(), Arg.Any<EventImage>(), Arg.Any<CancellationToken>()).Returns("v1");
        byte[] gif = [.. "GIF89a"u8, 0, 0];

        var result = await _handler.Handle(new CreateEventCommand("Launch", null, TestUsers.Now.AddDays(3), 10, gif), CancellationToken.None);

        Assert.True(result.IsSuccess);
        Received.InOrder(() =>
        {
            _f.UnitOfWork.SaveChangesAsync(Arg.Any<CancellationToken>());
            _f.Images.SaveAsync(Arg.Any<int>(), Arg.Is<EventImage>(i => i.ContentType == "image/gif"), Arg.Any<CancellationToken>());
            _f.UnitOfWork.SaveChangesAsync(Arg.Any<CancellationToken>());
        });
    }
}
