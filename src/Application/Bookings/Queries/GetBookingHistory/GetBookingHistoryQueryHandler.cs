using EventBooking.Application.Common.Interfaces;
using EventBooking.Domain.Bookings;
using EventBooking.Domain.Common;
using MediatR;

namespace EventBooking.Application.Bookings.Queries.GetBookingHistory;

internal sealed class GetBookingHistoryQueryHandler(IBookingRepository bookings, IBookingReadService bookingReads, ICurrentUser currentUser)
    : IRequestHandler<GetBookingHistoryQuery, Result<BookingHistoryResponse>>
{
    public async Task<Result<BookingHistoryResponse>> Handle(GetBookingHistoryQuery query, CancellationToken cancellationToken)
    {
        var found = await bookings.FindWithEventDateAsync(BookingReference.Normalize(query.BookingId), cancellationToken);
        if (found is null)
        {
            return BookingErrors.NotFound;
        }

        if (!found.Booking.IsAccessibleTo(currentUser.Actor))
        {
            return BookingErrors.NotAllowedToView;
        }

        var history = await bookingReads.GetHistoryAsync(found.Booking.BookingId, cancellationToken);
        return new BookingHistoryResponse(found.Booking.BookingId, history);
    }
}
