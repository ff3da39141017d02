using EventBooking.Application.Bookings;
using EventBooking.Application.Common.Interfaces;
using EventBooking.Application.Events;
using EventBooking.Domain.Bookings;
using EventBooking.Domain.Common;
using EventBooking.Domain.Events;
using EventBooking.Domain.Tickets;
using FluentValidation;
using MediatR;

namespace EventBooking.Application.Tickets.Commands.UndoCheckIn;

/// <summary>The event's creator or an admin takes back a mistaken check-in of booking <see cref="BookingId"/>.</summary>
public sealed record UndoCheckInCommand(int EventId, string BookingId) : IRequest<Result<string>>;

internal sealed class UndoCheckInCommandValidator : AbstractValidator<UndoCheckInCommand>
{
    public UndoCheckInCommandValidator()
    {
        RuleFor(c => c.EventId).GreaterThan(0).WithMessage("Event id must be a positive integer");
        RuleFor(c => (string?)c.BookingId).ValidBookingId().OverridePropertyName("BookingId");
    }
}

/// <summary>Load the event (may the caller run its door?) and its booking, let the booking judge, let the ledger undo, map.</summary>
internal sealed class UndoCheckInCommandHandler(
    IEventRepository events, IBookingRepository bookings, ISeatLedger ledger, ICurrentUser currentUser)
    : IRequestHandler<UndoCheckInCommand, Result<string>>
{
    public const string Undone = "Check-in undone";

    public async Task<Result<string>> Handle(UndoCheckInCommand command, CancellationToken cancellationToken)
    {
        var managed = await events.GetManagedAsync(command.EventId, currentUser, TicketErrors.NotAllowedToCheckIn, cancellationToken);
        if (managed.IsFailure)
        {
            return managed.Error!;
        }

        var found = await bookings.FindWithEventDateAsync(BookingReference.Normalize(command.BookingId), cancellationToken);
        var undo = found is null || found.Booking.EventId != command.EventId
            ? BookingErrors.NotFound
            : found.Booking.UndoCheckIn(currentUser.Id);
        if (undo.IsFailure)
        {
            return undo.Error!;
        }

        var undone = await ledger.UndoCheckInAsync(undo.Value, cancellationToken);
        return undone.IsFailure ? undone.Error! : Undone;
    }
}
