using EventBooking.Application.Bookings;
using EventBooking.Application.Common.Interfaces;
using EventBooking.Domain.Common;
using EventBooking.Domain.Events;
using MediatR;

namespace EventBooking.Application.Waitlist.Commands.JoinWaitlist;

/// <summary>Load the event, let it judge (started, still free seats), let the seat ledger queue the caller.</summary>
internal sealed class JoinWaitlistCommandHandler(IEventRepository events, ISeatLedger ledger, ICurrentUser currentUser, TimeProvider clock)
    : IRequestHandler<JoinWaitlistCommand, Result<WaitlistEntryResponse>>
{
    public async Task<Result<WaitlistEntryResponse>> Handle(JoinWaitlistCommand command, CancellationToken cancellationToken)
    {
        var target = await events.GetSnapshotAsync(command.EventId, cancellationToken);
        if (target is null)
        {
            return EventErrors.NotFound;
        }

        var allowed = target.JoinWaitlist(clock.GetUtcNow().UtcDateTime);
        if (allowed.IsFailure)
        {
            return allowed.Error!;
        }

        return await ledger.JoinWaitlistAsync(command.EventId, currentUser.Id, cancellationToken);
    }
}
