using FluentValidation;

namespace EventBooking.Application.Events.Queries.GetEventImage;

internal sealed class GetEventImageQueryValidator : AbstractValidator<GetEventImageQuery>
{
    public GetEventImageQueryValidator() =>
        RuleFor(q => q.EventId).GreaterThan(0).WithMessage("Event id must be a positive integer");
}
