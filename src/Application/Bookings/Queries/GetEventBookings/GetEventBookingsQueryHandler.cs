using EventBooking.Application.Common.Interfaces;
using EventBooking.Domain.Bookings;
using EventBooking.Domain.Common;
using EventBooking.Domain.Events;
using MediatR;

namespace EventBooking.Application.Bookings.Queries.GetEventBookings;

internal sealed class GetEventBookingsQueryHandler(IEventRepository events, IBookingReadService bookingReads, ICurrentUser currentUser)
    : IRequestHandler<GetEventBookingsQuery, Result<EventBookingsResponse>>
{
    public async Task<Result<EventBookingsResponse>> Handle(GetEventBookingsQuery query, CancellationToken cancellationToken)
    {
        var target = await events.GetAsync(query.EventId, cancellationToken);
        if (target is null)
        {
            return EventErrors.NotFound;
        }

        if (!target.CanBeManagedBy(currentUser.Id, currentUser.IsAdmin))
        {
            return BookingErrors.NotAllowedToListEventBookings;
        }

        return await bookingReads.ListForEventAsync(target.Id, query.Limit, query.Offset, cancellationToken);
    }
}
