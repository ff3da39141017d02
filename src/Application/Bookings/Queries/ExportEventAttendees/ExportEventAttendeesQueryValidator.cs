using FluentValidation;

namespace EventBooking.Application.Bookings.Queries.ExportEventAttendees;

internal sealed class ExportEventAttendeesQueryValidator : AbstractValidator<ExportEventAttendeesQuery>
{
    public ExportEventAttendeesQueryValidator() =>
        RuleFor(q => q.EventId).GreaterThan(0).WithMessage("Event id must be a positive integer");
}
