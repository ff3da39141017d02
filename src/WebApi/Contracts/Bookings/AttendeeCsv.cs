using EventBooking.Application.Bookings;
using EventBooking.Domain.Bookings;
using EventBooking.WebApi.Http;

namespace EventBooking.WebApi.Contracts.Bookings;

/// <summary>The columns of the attendee export.</summary>
internal static class AttendeeCsv
{
    public static readonly IReadOnlyList<string> Header = ["Booking ID", "Name", "Email", "Status", "Booked At", "Cancelled At", "Checked In At"];

    public static IEnumerable<string?> Cells(AttendeeRow row) =>
    [
        row.BookingId,
        row.Name,
        row.Email,
        row.Status == BookingStatus.Cancelled ? "cancelled" : "confirmed",
        Csv.Time(row.BookedAt),
        Csv.Time(row.CancelledAt),
        Csv.Time(row.CheckedInAt),
    ];
}
