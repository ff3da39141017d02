using EventBooking.Application.Common;
using EventBooking.Application.Common.Paging;
using FluentValidation;

namespace EventBooking.Application.Events.Queries.ListEvents;

internal sealed class ListEventsQueryValidator : AbstractValidator<ListEventsQuery>
{
    public const int MaxSearchLength = 100;

    public ListEventsQueryValidator()
    {
        RuleFor(q => q.Limit).ValidLimit();
        RuleFor(q => q.Offset).ValidOffset();
        RuleFor(q => q.Search)
            .Must(s => s is null || s.Length <= MaxSearchLength)
            .WithMessage($"Search must be at most {MaxSearchLength} characters")
            .WithoutNulCharacters();
    }
}
