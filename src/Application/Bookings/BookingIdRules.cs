using EventBooking.Application.Common;
using EventBooking.Domain.Bookings;
using FluentValidation;

namespace EventBooking.Application.Bookings;

/// <summary>The shape of a booking id in a path: 1..50 characters, no NUL. Shared by every request that takes one.</summary>
internal static class BookingIdRules
{
    public static IRuleBuilderOptions<T, string?> ValidBookingId<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(id => !string.IsNullOrWhiteSpace(id) && id.Trim().Length <= Booking.MaxBookingIdLength)
            .WithMessage($"Booking id must be 1 to {Booking.MaxBookingIdLength} characters")
            .WithoutNulCharacters();
}
