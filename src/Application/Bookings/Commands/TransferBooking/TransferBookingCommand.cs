using EventBooking.Application.Common.Notifications;
using EventBooking.Domain.Common;
using MediatR;

namespace EventBooking.Application.Bookings.Commands.TransferBooking;

/// <summary>The owner or an admin hands a confirmed booking to the user with <see cref="RecipientEmail"/>.</summary>
public sealed record TransferBookingCommand(string BookingId, string RecipientEmail)
    : IRequest<Result<BookingTransferredResponse>>, IChangesSeats;
