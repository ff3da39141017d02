using EventBooking.Application.Common.Notifications;
using EventBooking.Domain.Common;
using MediatR;
using NSubstitute;

namespace EventBooking.Application.UnitTests.Common;

public sealed class ChangeNotificationBehaviourTests
{
    private readonly IEventChangeObserver _cache = Substitute.For<IEventChangeObserver>();
    private readonly IEventChangeObserver _other = Substitute.For<IEventChangeObserver>();

    public sealed record ChangesEvents : IRequest<Result<string>>, IChangesEvents;

    public sealed record ChangesSeats : IRequest<Result<string>>, IChangesSeats;

    public sealed record ChangesNothing : IRequest<Result<string>>;

    [Fact]
    public async Task Handle_WhenAnEventChangingCommandSucceeds_ShouldTellEveryObserverAfterTheHandler()
    {
        var behaviour = new ChangeNotificationBehaviour<ChangesEvents, Result<string>>([_cache, _other]);

        await behaviour.Handle(new ChangesEvents(), CancellationToken.None, () =>
        {
            _cache.DidNotReceiveWithAnyArgs().OnEventsChanged(default);
            return Task.FromResult(Result<string>.Success("ok"));
        });

        _cache.Received(1).OnEventsChanged(EventChangeKind.Events);
        _other.Received(1).OnEventsChanged(EventChangeKind.Events);
    }

    [Fact]
    public async Task Handle_WhenASeatChangingCommandSucceeds_ShouldReportSeats()
    {
        var behaviour = new ChangeNotificationBehaviour<ChangesSeats, Result<string>>([_cache]);

        await behaviour.Handle(new ChangesSeats(), CancellationToken.None, () => Task.FromResult(Result<string>.Success("ok")));

        _cache.Received(1).OnEventsChanged(EventChangeKind.Seats);
    }

    [Fact]
    public async Task Handle_WhenTheCommandFails_ShouldTellNobody()
    {
        var behaviour = new ChangeNotificationBehaviour<ChangesEvents, Result<string>>([_cache]);

        await behaviour.Handle(new ChangesEvents(), CancellationToken.None, () => Task.FromResult(Result<string>.Failure(Error.Conflict("no"))));

        _cache.DidNotReceiveWithAnyArgs().OnEventsChanged(default);
    }

    [Fact]
    public async Task Handle_WhenTheRequestDeclaresNoChange_ShouldTellNobody()
    {
        var behaviour = new ChangeNotificationBehaviour<ChangesNothing, Result<string>>([_cache]);

        await behaviour.Handle(new ChangesNothing(), CancellationToken.None, () => Task.FromResult(Result<string>.Success("ok")));

        _cache.DidNotReceiveWithAnyArgs().OnEventsChanged(default);
    }
}
