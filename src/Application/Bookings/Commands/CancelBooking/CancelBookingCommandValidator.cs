using EventBooking.Application.Common;
using EventBooking.Domain.Bookings;
using FluentValidation;

namespace EventBooking.Application.Bookings.Commands.CancelBooking;

internal sealed class CancelBookingCommandValidator : AbstractValidator<CancelBookingCommand>
{
    public CancelBookingCommandValidator()
    {
        RuleFor(c => c.BookingId)
            .Must(id => !string.IsNullOrWhiteSpace(id) && id.Trim().Length <= Booking.MaxBookingIdLength)
            .WithMessage($"Booking id must be 1 to {Booking.MaxBookingIdLength} characters");
        RuleFor(c => (string?)c.BookingId).WithoutNulCharacters().OverridePropertyName("BookingId");
    }
}
