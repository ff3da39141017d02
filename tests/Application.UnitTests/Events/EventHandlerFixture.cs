using EventBooking.Application.Bookings;
using EventBooking.Application.Common.Interfaces;
using EventBooking.Application.Events;
using EventBooking.Application.UnitTests.Common;
using EventBooking.Domain.Common;
using EventBooking.Domain.Events;
using NSubstitute;

namespace EventBooking.Application.UnitTests.Events;

/// <summary>The substitutes every event handler test needs, with an admin (id 1) as the caller.</summary>
internal sealed class EventHandlerFixture
{
    public EventHandlerFixture()
    {
        UnitOfWork.BeginTransactionAsync(Arg.Any<CancellationToken>()).Returns(Transaction);
        CurrentUser.Id.Returns(1);
        CurrentUser.IsAdmin.Returns(true);
        CurrentUser.Actor.Returns(_ => new Actor(CurrentUser.Id, CurrentUser.IsAdmin));
        Reads.GetAsync(Arg.Any<int>(), Arg.Any<bool>(), Arg.Any<CancellationToken>())
            .Returns(call => new EventResponse(call.Arg<int>(), "Read back", null, null, TestUsers.Now.AddDays(7), 10, 10, 1, TestUsers.Now, TestUsers.Now, null));
    }

    public IEventRepository Events { get; } = Substitute.For<IEventRepository>();

    public IEventImageStore Images { get; } = Substitute.For<IEventImageStore>();

    public IEventReadService Reads { get; } = Substitute.For<IEventReadService>();

    public IUnitOfWork UnitOfWork { get; } = Substitute.For<IUnitOfWork>();

    public ITransactionScope Transaction { get; } = Substitute.For<ITransactionScope>();

    public ICurrentUser CurrentUser { get; } = Substitute.For<ICurrentUser>();

    public ISeatLedger Ledger { get; } = Substitute.For<ISeatLedger>();

    public TimeProvider Clock { get; } = new FixedClock(TestUsers.Now);

    public static Event UpcomingEvent(int createdBy = 1, int capacity = 100) =>
        Event.Schedule("Conference", null, TestUsers.Now.AddDays(7), capacity, createdBy, TestUsers.Now).Value;

    public void ActAs(int userId, bool isAdmin)
    {
        CurrentUser.Id.Returns(userId);
        CurrentUser.IsAdmin.Returns(isAdmin);
    }
}
