using FluentValidation;

namespace EventBooking.Application.Bookings.Commands.CreateBooking;

internal sealed class CreateBookingCommandValidator : AbstractValidator<CreateBookingCommand>
{
    public CreateBookingCommandValidator() =>
        RuleFor(c => c.EventId).GreaterThan(0).WithMessage("eventId must be a positive integer");
}
