using EventBooking.Application.Common.Paging;
using EventBooking.Domain.Common;
using MediatR;

namespace EventBooking.Application.Bookings.Queries.GetEventBookings;

/// <summary>An event's bookings, for its creator or an admin.</summary>
public sealed record GetEventBookingsQuery(int EventId, int Limit = Paging.DefaultLimit, int Offset = 0)
    : IRequest<Result<EventBookingsResponse>>;
