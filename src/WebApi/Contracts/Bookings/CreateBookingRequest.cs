namespace EventBooking.WebApi.Contracts.Bookings;

/// <summary>
/// <c>{"eventId": 5}</c>, a JSON integer (a string is refused). Who books comes from the token: a
/// <c>userId</c> or <c>status</c> in the body is ignored.
/// </summary>
public sealed record CreateBookingRequest(int? EventId);
