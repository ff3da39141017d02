using EventBooking.Domain.Common;
using MediatR;

namespace EventBooking.Application.Bookings.Queries.GetBooking;

public sealed record GetBookingQuery(string BookingId) : IRequest<Result<BookingDetailResponse>>;
