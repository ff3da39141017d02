using EventBooking.Application.Common.Interfaces;
using EventBooking.Domain.Common;
using EventBooking.Domain.Events;
using EventBooking.Domain.Waitlist;
using FluentValidation;
using MediatR;

namespace EventBooking.Application.Waitlist.Queries.GetEventWaitlist;

/// <summary>An event's waiting list, for its creator or an admin (<c>GET /api/events/{id}/waitlist?limit&amp;offset</c>).</summary>
public sealed record GetEventWaitlistQuery(int EventId, int Limit = 50, int Offset = 0) : IRequest<Result<EventWaitlistResponse>>;

internal sealed class GetEventWaitlistQueryValidator : AbstractValidator<GetEventWaitlistQuery>
{
    public GetEventWaitlistQueryValidator()
    {
        RuleFor(q => q.EventId).GreaterThan(0).WithMessage("Event id must be a positive integer");
        RuleFor(q => q.Limit).InclusiveBetween(1, 100).WithMessage("limit must be between 1 and 100");
        RuleFor(q => q.Offset).GreaterThanOrEqualTo(0).WithMessage("offset must be 0 or more");
    }
}

internal sealed class GetEventWaitlistQueryHandler(
    IEventRepository events, IWaitlistReadService waitlist, ICurrentUser currentUser, TimeProvider clock)
    : IRequestHandler<GetEventWaitlistQuery, Result<EventWaitlistResponse>>
{
    public async Task<Result<EventWaitlistResponse>> Handle(GetEventWaitlistQuery query, CancellationToken cancellationToken)
    {
        var target = await events.GetSnapshotAsync(query.EventId, cancellationToken);
        if (target is null)
        {
            return EventErrors.NotFound;
        }

        if (!target.CanBeManagedBy(currentUser.Actor))
        {
            return WaitlistErrors.NotAllowedToViewList;
        }

        return await waitlist.ListAsync(query.EventId, query.Limit, query.Offset, clock.GetUtcNow().UtcDateTime, cancellationToken);
    }
}
