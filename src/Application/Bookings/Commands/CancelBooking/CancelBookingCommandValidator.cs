using FluentValidation;

namespace EventBooking.Application.Bookings.Commands.CancelBooking;

internal sealed class CancelBookingCommandValidator : AbstractValidator<CancelBookingCommand>
{
    public CancelBookingCommandValidator() => RuleFor(c => (string?)c.BookingId).ValidBookingId().OverridePropertyName("BookingId");
}
