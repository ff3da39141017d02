namespace EventBooking.WebApi.Contracts.Bookings;

/// <summary>The body of <c>POST /api/events/{id}/check-ins</c>: <c>{"token": "..."}</c>, the token read from a ticket's QR code.</summary>
public sealed record CheckInRequest(string? Token);
