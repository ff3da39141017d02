using EventBooking.Application.Common.Paging;
using FluentValidation;

namespace EventBooking.Application.Bookings.Queries.GetEventBookings;

internal sealed class GetEventBookingsQueryValidator : AbstractValidator<GetEventBookingsQuery>
{
    public GetEventBookingsQueryValidator()
    {
        RuleFor(q => q.EventId).GreaterThan(0).WithMessage("Event id must be a positive integer");
        RuleFor(q => q.Limit).ValidLimit();
        RuleFor(q => q.Offset).ValidOffset();
    }
}
