namespace EventBooking.Domain.Bookings;

/// <summary>Stored as the lower-case strings <c>confirmed</c> and <c>cancelled</c>.</summary>
public enum BookingStatus
{
    Confirmed,
    Cancelled,
}
