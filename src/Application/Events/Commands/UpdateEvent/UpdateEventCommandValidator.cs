using EventBooking.Application.Common;
using FluentValidation;

namespace EventBooking.Application.Events.Commands.UpdateEvent;

internal sealed class UpdateEventCommandValidator : AbstractValidator<UpdateEventCommand>
{
    public UpdateEventCommandValidator()
    {
        RuleFor(c => c.EventId).GreaterThan(0).WithMessage("Event id must be a positive integer");
        RuleFor(c => c.Name).ValidEventName().WithoutNulCharacters();
        RuleFor(c => c.Description).ValidDescription().WithoutNulCharacters();
        RuleFor(c => c.SeatCapacity).ValidSeatCapacity();
        RuleFor(c => c.RemoveImage).Equal(false).When(c => c.Image is not null)
            .WithMessage("Send either a new image or removeImage, not both");
        RuleFor(c => c.ClearDescription).Equal(false).When(c => c.Description is not null)
            .OverridePropertyName("RemoveDescription").WithMessage("Send either a new description or removeDescription, not both");
    }
}
