using FluentValidation;

namespace EventBooking.Application.Bookings.Queries.GetBookingHistory;

internal sealed class GetBookingHistoryQueryValidator : AbstractValidator<GetBookingHistoryQuery>
{
    public GetBookingHistoryQueryValidator() => RuleFor(q => (string?)q.BookingId).ValidBookingId().OverridePropertyName("BookingId");
}
