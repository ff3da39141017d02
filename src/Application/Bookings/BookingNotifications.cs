using MediatR;

namespace EventBooking.Application.Bookings;

/// <summary>
/// Published in-process after a booking is committed, for whatever else should react (the real-time
/// <c>booking_created</c> message itself already left with the booking, see <see cref="IBookingLedger"/>).
/// </summary>
public sealed record BookingCreated(int EventId, int AvailableSeats) : INotification;

/// <summary>Published in-process after a cancellation is committed (the real-time message left with it).</summary>
public sealed record BookingCancelled(int EventId, int AvailableSeats) : INotification;
