using EventBooking.Application.Common.Paging;
using EventBooking.Domain.Common;
using MediatR;

namespace EventBooking.Application.Bookings.Queries.GetMyBookings;

public sealed record GetMyBookingsQuery(int Limit = Paging.DefaultLimit, int Offset = 0) : IRequest<Result<MyBookingsResponse>>;
