using EventBooking.Application.Common.Notifications;
using EventBooking.Domain.Common;
using MediatR;

namespace EventBooking.Application.Bookings.Commands.CreateBooking;

/// <summary>The caller books one seat at an event. Who books comes from the token, never from the body.</summary>
public sealed record CreateBookingCommand(int EventId) : IRequest<Result<BookingCreatedResponse>>, IChangesSeats;
