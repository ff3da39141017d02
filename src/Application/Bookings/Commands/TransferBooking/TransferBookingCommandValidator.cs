using EventBooking.Application.Auth;
using FluentValidation;

namespace EventBooking.Application.Bookings.Commands.TransferBooking;

internal sealed class TransferBookingCommandValidator : AbstractValidator<TransferBookingCommand>
{
    public TransferBookingCommandValidator()
    {
        RuleFor(c => (string?)c.BookingId).ValidBookingId().OverridePropertyName("BookingId");
        RuleFor(c => c.RecipientEmail).ValidEmail().OverridePropertyName("Email");
    }
}
