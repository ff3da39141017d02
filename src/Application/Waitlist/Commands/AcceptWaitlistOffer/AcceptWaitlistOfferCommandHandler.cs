using EventBooking.Application.Bookings;
using EventBooking.Application.Common.Interfaces;
using EventBooking.Domain.Bookings;
using EventBooking.Domain.Common;
using EventBooking.Domain.Events;
using MediatR;

namespace EventBooking.Application.Waitlist.Commands.AcceptWaitlistOffer;

/// <summary>The held seat becomes the caller's booking; only the ledger can judge the offer (live, not expired).</summary>
internal sealed class AcceptWaitlistOfferCommandHandler(IEventRepository events, ISeatLedger ledger, ICurrentUser currentUser, TimeProvider clock)
    : IRequestHandler<AcceptWaitlistOfferCommand, Result<BookingCreatedResponse>>
{
    public async Task<Result<BookingCreatedResponse>> Handle(AcceptWaitlistOfferCommand command, CancellationToken cancellationToken)
    {
        var target = await events.GetSnapshotAsync(command.EventId, cancellationToken);
        if (target is null)
        {
            return EventErrors.NotFound;
        }

        var request = new BookingRequest(command.EventId, currentUser.Id, clock.GetUtcNow().UtcDateTime);
        var confirmed = await ledger.AcceptWaitlistOfferAsync(request, cancellationToken);
        return confirmed.IsFailure ? confirmed.Error! : BookingCreatedResponse.From(target, confirmed.Value);
    }
}
