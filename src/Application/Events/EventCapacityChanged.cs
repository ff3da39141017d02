using MediatR;

namespace EventBooking.Application.Events;

/// <summary>Published after a committed capacity change, for real-time delivery (<c>seat_update</c>).</summary>
public sealed record EventCapacityChanged(int EventId, int AvailableSeats, int SeatCapacity) : INotification;
