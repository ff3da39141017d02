using EventBooking.Application.Common.Interfaces;
using EventBooking.Domain.Common;
using EventBooking.Domain.Events;
using MediatR;

namespace EventBooking.Application.Events.Queries.GetEventStats;

internal sealed class GetEventStatsQueryHandler(
    IEventRepository events, IEventReadService eventReads, ICurrentUser currentUser, TimeProvider clock)
    : IRequestHandler<GetEventStatsQuery, Result<EventStatsResponse>>
{
    public static readonly Error NotAllowed = Error.Forbidden("You don't have permission to view statistics for this event");

    public async Task<Result<EventStatsResponse>> Handle(GetEventStatsQuery query, CancellationToken cancellationToken)
    {
        var target = await events.GetManagedAsync(query.EventId, currentUser, NotAllowed, cancellationToken);
        if (target.IsFailure)
        {
            return target.Error!;
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        // Null when the event was deleted a moment ago.
        var counts = await eventReads.GetBookingCountsAsync(target.Value.Id, EventStats.FirstDay(today), cancellationToken);
        return counts is null ? EventErrors.NotFound : EventStats.From(target.Value.Id, counts, today);
    }
}
