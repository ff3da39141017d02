using EventBooking.Application.Common.Interfaces;
using EventBooking.Domain.Common;
using EventBooking.Domain.Events;
using MediatR;

namespace EventBooking.Application.Events.Queries.GetEvent;

internal sealed class GetEventQueryHandler(IEventReadService eventReads, ICurrentUser currentUser)
    : IRequestHandler<GetEventQuery, Result<EventResponse>>
{
    public async Task<Result<EventResponse>> Handle(GetEventQuery query, CancellationToken cancellationToken) =>
        await eventReads.GetAsync(query.EventId, currentUser.IsAdmin, cancellationToken) is { } found
            ? found
            : EventErrors.NotFound;
}
