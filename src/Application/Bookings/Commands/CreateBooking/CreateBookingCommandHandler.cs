using EventBooking.Application.Common.Interfaces;
using EventBooking.Application.Common.Telemetry;
using EventBooking.Domain.Common;
using EventBooking.Domain.Events;
using MediatR;

namespace EventBooking.Application.Bookings.Commands.CreateBooking;

/// <summary>
/// Load the event, let it judge the request (started, full), let the seat ledger confirm it (which settles every
/// race under the event's row lock), map. Two round trips on the happy path. Refusals judged here are counted here;
/// the ledger counts its own outcomes.
/// </summary>
internal sealed class CreateBookingCommandHandler(
    IEventRepository events, ISeatLedger ledger, ICurrentUser currentUser, TimeProvider clock, EventBookingMetrics metrics)
    : IRequestHandler<CreateBookingCommand, Result<BookingCreatedResponse>>
{
    public async Task<Result<BookingCreatedResponse>> Handle(CreateBookingCommand command, CancellationToken cancellationToken)
    {
        var target = await events.GetSnapshotAsync(command.EventId, cancellationToken);
        if (target is null)
        {
            metrics.Booking("event_not_found");
            return EventErrors.NotFound;
        }

        var request = target.RequestBooking(currentUser.Id, clock.GetUtcNow().UtcDateTime);
        if (request.IsFailure)
        {
            metrics.Booking(request.Error == EventErrors.CannotBookPastEvent ? "event_started" : "sold_out");
            return request.Error!;
        }

        var confirmed = await ledger.ConfirmAsync(request.Value, cancellationToken);
        return confirmed.IsFailure ? confirmed.Error! : BookingCreatedResponse.From(target, confirmed.Value);
    }
}
