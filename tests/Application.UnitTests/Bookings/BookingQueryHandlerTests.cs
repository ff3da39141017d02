using EventBooking.Application.Bookings;
using EventBooking.Application.Bookings.Queries.GetBooking;
using EventBooking.Application.Bookings.Queries.GetEventBookings;
using EventBooking.Application.Common.Interfaces;
using EventBooking.Application.UnitTests.Common;
using EventBooking.Domain.Bookings;
using EventBooking.Domain.Common;
using EventBooking.Domain.Events;
using NSubstitute;

namespace EventBooking.Application.UnitTests.Bookings;

public sealed class BookingQueryHandlerTests
{
    private readonly IBookingReadService _reads = Substitute.For<IBookingReadService>();
    private readonly ICurrentUser _currentUser = Substitute.For<ICurrentUser>();

    private static BookingDetailResponse Detail(int ownerId) => new(
        "BK-X-000001",
        7,
        BookingStatus.Confirmed,
        TestUsers.Now,
        null,
        null,
        new EventSummary(7, "Gig", TestUsers.Now.AddDays(1), 10, 9),
        new UserSummary(ownerId, "Owner", "owner@example.com"));

    [Fact]
    public async Task GetBooking_WhenTheOwnerAsks_ShouldAnswerWithoutTheOwnersDetails()
    {
        _reads.GetAsync("BK-X-000001", Arg.Any<CancellationToken>()).Returns(Detail(ownerId: 4));
        _currentUser.Id.Returns(4);

        var result = await new GetBookingQueryHandler(_reads, _currentUser).Handle(new GetBookingQuery("bk-x-000001"), CancellationToken.None);

        Assert.Null(result.Value.User);
    }

    [Fact]
    public async Task GetBooking_WhenAnAdminAsks_ShouldIncludeTheOwner()
    {
        _reads.GetAsync("BK-X-000001", Arg.Any<CancellationToken>()).Returns(Detail(ownerId: 4));
        _currentUser.Id.Returns(1);
        _currentUser.IsAdmin.Returns(true);

        var result = await new GetBookingQueryHandler(_reads, _currentUser).Handle(new GetBookingQuery("BK-X-000001"), CancellationToken.None);

        Assert.Equal(4, result.Value.User!.Id);
    }

    [Fact]
    public async Task GetBooking_WhenAStrangerAsks_ShouldBeForbidden()
    {
        _reads.GetAsync("BK-X-000001", Arg.Any<CancellationToken>()).Returns(Detail(ownerId: 4));
        _currentUser.Id.Returns(5);

        var result = await new GetBookingQueryHandler(_reads, _currentUser).Handle(new GetBookingQuery("BK-X-000001"), CancellationToken.None);

        Assert.Equal(BookingErrors.NotAllowedToView, result.Error);
    }

    [Theory]
    [InlineData(1, false, true)]
    [InlineData(2, false, false)]
    [InlineData(2, true, true)]
    public async Task GetEventBookings_ShouldAllowTheCreatorAndAdminsOnly(int callerId, bool isAdmin, bool allowed)
    {
        var events = Substitute.For<IEventRepository>();
        events.GetSnapshotAsync(7, Arg.Any<CancellationToken>())
            .Returns(Event.Schedule("Gig", null, TestUsers.Now.AddDays(1), 10, createdBy: 1, TestUsers.Now).Value.ToSnapshot());
        _reads.ListForEventAsync(default, default, default, default).ReturnsForAnyArgs(new EventBookingsResponse(7, [], 0, false));
        _currentUser.Id.Returns(callerId);
        _currentUser.IsAdmin.Returns(isAdmin);
        _currentUser.Actor.Returns(new Actor(callerId, isAdmin));

        var result = await new GetEventBookingsQueryHandler(events, _reads, _currentUser)
            .Handle(new GetEventBookingsQuery(7), CancellationToken.None);

        Assert.Equal(allowed, result.IsSuccess);
        if (!allowed)
        {
            Assert.Equal(BookingErrors.NotAllowedToListEventBookings, result.Error);
        }
    }
}
