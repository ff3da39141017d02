namespace EventBooking.WebApi.Contracts.Bookings;

/// <summary>The body of <c>POST /api/bookings/{bookingId}/transfer</c>: <c>{"email": "..."}</c>, the recipient's account email.</summary>
public sealed record TransferBookingRequest(string? Email);
