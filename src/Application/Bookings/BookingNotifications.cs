using MediatR;

namespace EventBooking.Application.Bookings;

/// <summary>Published after a booking is committed, for real-time delivery (<c>booking_created</c>).</summary>
public sealed record BookingCreated(int EventId, int AvailableSeats) : INotification;

/// <summary>Published after a cancellation is committed, for real-time delivery (<c>booking_cancelled</c>).</summary>
public sealed record BookingCancelled(int EventId, int AvailableSeats) : INotification;
