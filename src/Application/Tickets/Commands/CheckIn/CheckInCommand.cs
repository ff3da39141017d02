using EventBooking.Application.Bookings;
using EventBooking.Application.Common.Interfaces;
using EventBooking.Application.Events;
using EventBooking.Domain.Bookings;
using EventBooking.Domain.Common;
using EventBooking.Domain.Events;
using EventBooking.Domain.Tickets;
using FluentValidation;
using MediatR;

namespace EventBooking.Application.Tickets.Commands.CheckIn;

/// <summary>The event's creator or an admin scans <see cref="Token"/> at the door of event <see cref="EventId"/>.</summary>
public sealed record CheckInCommand(int EventId, string Token) : IRequest<Result<CheckInResponse>>;

internal sealed class CheckInCommandValidator : AbstractValidator<CheckInCommand>
{
    /// <summary>
    /// Far above a real ticket (about 400 characters, at most about 1,000: the signer cuts the name), far below anything
    /// that costs to parse; the signer refuses longer tokens too (<c>EcdsaTicketSigner.MaxTokenLength</c>).
    /// </summary>
    public const int MaxTokenLength = 2048;

    public CheckInCommandValidator()
    {
        RuleFor(c => c.EventId).GreaterThan(0).WithMessage("Event id must be a positive integer");
        RuleFor(c => c.Token)
            .NotEmpty().WithMessage("Token is required")
            .MaximumLength(MaxTokenLength).WithMessage($"Token must be at most {MaxTokenLength} characters");
    }
}

/// <summary>
/// Load the event (may the caller run its door?), verify the ticket (ours, for this event?), load the booking and let
/// it judge, let the seat ledger record the check-in (of two scanners at once, one wins), map.
/// </summary>
internal sealed class CheckInCommandHandler(
    IEventRepository events, IBookingRepository bookings, ITicketSigner signer, ISeatLedger ledger, ICurrentUser currentUser)
    : IRequestHandler<CheckInCommand, Result<CheckInResponse>>
{
    public async Task<Result<CheckInResponse>> Handle(CheckInCommand command, CancellationToken cancellationToken)
    {
        var managed = await events.GetManagedAsync(command.EventId, currentUser, TicketErrors.NotAllowedToCheckIn, cancellationToken);
        if (managed.IsFailure)
        {
            return managed.Error!;
        }

        var ticket = await signer.VerifyAsync(command.Token.Trim());
        if (ticket.IsFailure)
        {
            return ticket.Error!;
        }

        if (ticket.Value.EventId != command.EventId)
        {
            return TicketErrors.ForAnotherEvent;
        }

        var found = await bookings.FindWithEventDateAsync(ticket.Value.BookingId, cancellationToken);
        var checkIn = found is null ? BookingErrors.NotFound : found.Booking.CheckInWith(ticket.Value, currentUser.Id);
        if (checkIn.IsFailure)
        {
            return checkIn.Error!;
        }

        var checkedIn = await ledger.CheckInAsync(checkIn.Value, cancellationToken);
        return checkedIn.IsFailure
            ? checkedIn.Error!
            : new CheckInResponse(ticket.Value.BookingId, new TicketAttendee(ticket.Value.AttendeeName), checkedIn.Value);
    }
}
