using EventBooking.Application.Common.Paging;
using EventBooking.Domain.Common;
using MediatR;

namespace EventBooking.Application.Events.Queries.ListEvents;

public sealed record ListEventsQuery(
    int Limit = Paging.DefaultLimit, int Offset = 0, bool Upcoming = false, string? Search = null, bool Available = false)
    : IRequest<Result<EventListResponse>>;
