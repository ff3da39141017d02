using EventBooking.Application.Common.Paging;
using FluentValidation;

namespace EventBooking.Application.Bookings.Queries.GetMyBookings;

internal sealed class GetMyBookingsQueryValidator : AbstractValidator<GetMyBookingsQuery>
{
    public GetMyBookingsQueryValidator()
    {
        RuleFor(q => q.Limit).ValidLimit();
        RuleFor(q => q.Offset).ValidOffset();
    }
}
