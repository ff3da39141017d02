using EventBooking.Application.Common.Interfaces;
using EventBooking.Domain.Bookings;
using EventBooking.Domain.Common;
using MediatR;

namespace EventBooking.Application.Bookings.Queries.GetBooking;

internal sealed class GetBookingQueryHandler(IBookingReadService bookingReads, ICurrentUser currentUser)
    : IRequestHandler<GetBookingQuery, Result<BookingDetailResponse>>
{
    public async Task<Result<BookingDetailResponse>> Handle(GetBookingQuery query, CancellationToken cancellationToken)
    {
        var booking = await bookingReads.GetAsync(BookingReference.Normalize(query.BookingId), cancellationToken);
        if (booking is null)
        {
            return BookingErrors.NotFound;
        }

        if (currentUser.IsAdmin)
        {
            return booking;
        }

        // Only admins see the owner's details.
        return booking.User?.Id == currentUser.Id ? booking with { User = null } : BookingErrors.NotAllowedToView;
    }
}
