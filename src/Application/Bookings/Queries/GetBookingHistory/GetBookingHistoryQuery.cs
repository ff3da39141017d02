using EventBooking.Domain.Common;
using MediatR;

namespace EventBooking.Application.Bookings.Queries.GetBookingHistory;

/// <summary>The booking's audit trail, oldest first, for its owner or an admin.</summary>
public sealed record GetBookingHistoryQuery(string BookingId) : IRequest<Result<BookingHistoryResponse>>;
