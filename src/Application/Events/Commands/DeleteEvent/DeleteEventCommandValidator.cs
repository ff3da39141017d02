using FluentValidation;

namespace EventBooking.Application.Events.Commands.DeleteEvent;

internal sealed class DeleteEventCommandValidator : AbstractValidator<DeleteEventCommand>
{
    public DeleteEventCommandValidator() =>
        RuleFor(c => c.EventId).GreaterThan(0).WithMessage("Event id must be a positive integer");
}
