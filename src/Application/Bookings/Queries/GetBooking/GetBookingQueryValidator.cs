using FluentValidation;

namespace EventBooking.Application.Bookings.Queries.GetBooking;

internal sealed class GetBookingQueryValidator : AbstractValidator<GetBookingQuery>
{
    public GetBookingQueryValidator() => RuleFor(q => (string?)q.BookingId).ValidBookingId().OverridePropertyName("BookingId");
}
