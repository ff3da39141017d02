using EventBooking.Application.Common.Interfaces;
using EventBooking.Domain.Common;
using EventBooking.Domain.Events;
using EventBooking.Domain.Waitlist;
using FluentValidation;
using MediatR;

namespace EventBooking.Application.Waitlist.Queries.GetWaitlistEntry;

/// <summary>
/// One user's latest entry for the event with its audit trail, for the event's creator or an admin
/// (<c>GET /api/events/{id}/waitlist/history?userId=N</c>); the user reads their own through <c>.../waitlist/me</c>.
/// </summary>
public sealed record GetWaitlistEntryQuery(int EventId, int UserId) : IRequest<Result<WaitlistEntryResponse>>;

internal sealed class GetWaitlistEntryQueryValidator : AbstractValidator<GetWaitlistEntryQuery>
{
    public GetWaitlistEntryQueryValidator()
    {
        RuleFor(q => q.EventId).GreaterThan(0).WithMessage("Event id must be a positive integer");
        RuleFor(q => q.UserId).GreaterThan(0).WithMessage("userId must be a positive integer");
    }
}

internal sealed class GetWaitlistEntryQueryHandler(
    IEventRepository events, IWaitlistReadService waitlist, ICurrentUser currentUser, TimeProvider clock)
    : IRequestHandler<GetWaitlistEntryQuery, Result<WaitlistEntryResponse>>
{
    public async Task<Result<WaitlistEntryResponse>> Handle(GetWaitlistEntryQuery query, CancellationToken cancellationToken)
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

        var entry = await waitlist.FindLatestAsync(query.EventId, query.UserId, clock.GetUtcNow().UtcDateTime, cancellationToken);
        return entry is null ? WaitlistErrors.NoEntryForUser : entry;
    }
}
