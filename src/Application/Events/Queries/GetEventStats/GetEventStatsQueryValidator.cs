using FluentValidation;

namespace EventBooking.Application.Events.Queries.GetEventStats;

internal sealed class GetEventStatsQueryValidator : AbstractValidator<GetEventStatsQuery>
{
    public GetEventStatsQueryValidator() =>
        RuleFor(q => q.EventId).GreaterThan(0).WithMessage("Event id must be a positive integer");
}
