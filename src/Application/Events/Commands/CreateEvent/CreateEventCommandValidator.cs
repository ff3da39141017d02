using EventBooking.Application.Common;
using FluentValidation;

namespace EventBooking.Application.Events.Commands.CreateEvent;

internal sealed class CreateEventCommandValidator : AbstractValidator<CreateEventCommand>
{
    public CreateEventCommandValidator()
    {
        RuleFor(c => c.Name)
            .Cascade(CascadeMode.Stop)
            .Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Name is required")
            .ValidEventName();
        RuleFor(c => (string?)c.Name).WithoutNulCharacters().OverridePropertyName("Name");
        RuleFor(c => c.Description).ValidDescription().WithoutNulCharacters();
        RuleFor(c => c.EventDate).NotNull().WithMessage("Event date is required");
        RuleFor(c => c.SeatCapacity)
            .Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("Seat capacity is required")
            .ValidSeatCapacity();
    }
}
