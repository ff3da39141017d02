using EventBooking.Application.Common.Notifications;
using EventBooking.Domain.Common;
using MediatR;

namespace EventBooking.Application.Bookings.Commands.CancelBooking;

/// <summary>The owner or an admin cancels a booking; answers the contract's message.</summary>
public sealed record CancelBookingCommand(string BookingId) : IRequest<Result<string>>, IChangesSeats;
