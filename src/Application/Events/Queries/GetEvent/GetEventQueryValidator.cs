using FluentValidation;

namespace EventBooking.Application.Events.Queries.GetEvent;

internal sealed class GetEventQueryValidator : AbstractValidator<GetEventQuery>
{
    public GetEventQueryValidator() =>
        RuleFor(q => q.EventId).GreaterThan(0).WithMessage("Event id must be a positive integer");
}
