using EventBooking.Application.Common.Interfaces;
using EventBooking.Application.Events;
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
        var target = await events.GetManagedAsync(query.EventId, currentUser, BookingErrors.NotAllowedToListEventBookings, cancellationToken);
        return target.IsFailure
            ? target.Error!
            : await bookingReads.ListForEventAsync(target.Value.Id, query.Limit, query.Offset, cancellationToken);
    }
}
