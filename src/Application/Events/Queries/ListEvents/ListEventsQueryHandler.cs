using EventBooking.Application.Common.Interfaces;
using EventBooking.Domain.Common;
using MediatR;

namespace EventBooking.Application.Events.Queries.ListEvents;

internal sealed class ListEventsQueryHandler(IEventReadService eventReads, ICurrentUser currentUser, TimeProvider clock)
    : IRequestHandler<ListEventsQuery, Result<EventListResponse>>
{
    public async Task<Result<EventListResponse>> Handle(ListEventsQuery query, CancellationToken cancellationToken)
    {
        var search = string.IsNullOrWhiteSpace(query.Search) ? null : query.Search.Trim();
        var filter = new EventListFilter(
            query.Limit, query.Offset, query.Upcoming, search, query.Available, clock.GetUtcNow().UtcDateTime);
        return await eventReads.ListAsync(filter, currentUser.IsAdmin, cancellationToken);
    }
}
