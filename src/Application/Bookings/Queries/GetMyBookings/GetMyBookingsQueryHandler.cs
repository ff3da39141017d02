using EventBooking.Application.Common.Interfaces;
using EventBooking.Domain.Common;
using MediatR;

namespace EventBooking.Application.Bookings.Queries.GetMyBookings;

internal sealed class GetMyBookingsQueryHandler(IBookingReadService bookingReads, ICurrentUser currentUser)
    : IRequestHandler<GetMyBookingsQuery, Result<MyBookingsResponse>>
{
    public async Task<Result<MyBookingsResponse>> Handle(GetMyBookingsQuery query, CancellationToken cancellationToken) =>
        await bookingReads.ListForUserAsync(currentUser.Id, query.Limit, query.Offset, cancellationToken);
}
