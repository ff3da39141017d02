using EventBooking.Domain.Bookings;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace EventBooking.Infrastructure.Persistence;

/// <summary>Stores <see cref="BookingStatus"/> as the contract's exact strings <c>confirmed</c> / <c>cancelled</c>.</summary>
internal sealed class BookingStatusConverter() : ValueConverter<BookingStatus, string>(
    status => status == BookingStatus.Cancelled ? Cancelled : Confirmed,
    value => value == Cancelled ? BookingStatus.Cancelled : BookingStatus.Confirmed)
{
    public const string Confirmed = "confirmed";
    public const string Cancelled = "cancelled";

    public static readonly BookingStatusConverter Instance = new();
}
