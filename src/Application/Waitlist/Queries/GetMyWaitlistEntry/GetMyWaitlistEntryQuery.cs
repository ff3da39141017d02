using EventBooking.Application.Common.Interfaces;
using EventBooking.Domain.Common;
using EventBooking.Domain.Events;
using EventBooking.Domain.Waitlist;
using FluentValidation;
using MediatR;

namespace EventBooking.Application.Waitlist.Queries.GetMyWaitlistEntry;

/// <summary>The caller's latest entry for the event, with its history (<c>GET /api/events/{id}/waitlist/me</c>).</summary>
public sealed record GetMyWaitlistEntryQuery(int EventId) : IRequest<Result<WaitlistEntryResponse>>;

internal sealed class GetMyWaitlistEntryQueryValidator : AbstractValidator<GetMyWaitlistEntryQuery>
{
    public GetMyWaitlistEntryQueryValidator() => RuleFor(q => q.EventId).GreaterThan(0).WithMessage("Event id must be a positive integer");
}

internal sealed class GetMyWaitlistEntryQueryHandler(
    IEventRepository events, IWaitlistReadService waitlist, ICurrentUser currentUser, TimeProvider clock)
    : IRequestHandler<GetMyWaitlistEntryQuery, Result<WaitlistEntryResponse>>
{
    public async Task<Result<WaitlistEntryResponse>> Handle(GetMyWaitlistEntryQuery query, CancellationToken cancellationToken)
    {
        if (await events.GetSnapshotAsync(query.EventId, cancellationToken) is null)
        {
            return EventErrors.NotFound;
        }

        var entry = await waitlist.FindLatestAsync(query.EventId, currentUser.Id, clock.GetUtcNow().UtcDateTime, cancellationToken);
        return entry is null ? WaitlistErrors.NotListed : entry;
    }
}
