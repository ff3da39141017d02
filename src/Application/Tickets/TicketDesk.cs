using EventBooking.Application.Common.Interfaces;
using EventBooking.Domain.Bookings;
using EventBooking.Domain.Common;

namespace EventBooking.Application.Tickets;

/// <summary>
/// Issues the ticket of a booking for the caller: load the booking with its event and holder, let the booking judge
/// (holder or admin, confirmed), sign. Shared by the ticket and its QR images, so all three answer alike.
/// </summary>
internal sealed class TicketDesk(IBookingRepository bookings, ITicketSigner signer, ICurrentUser currentUser, TimeProvider clock)
{
    public async Task<Result<TicketResponse>> IssueAsync(string bookingId, CancellationToken cancellationToken)
    {
        var found = await bookings.FindForTicketAsync(BookingReference.Normalize(bookingId), cancellationToken);
        if (found is null)
        {
            return BookingErrors.NotFound;
        }

        var ticket = found.Booking.IssueTicket(currentUser.Actor, found.HolderName, clock.GetUtcNow().UtcDateTime);
        return ticket.IsFailure
            ? ticket.Error!
            : new TicketResponse(
                ticket.Value.BookingId, ticket.Value.EventId, new TicketAttendee(found.HolderName), found.EventName, found.EventDate,
                signer.Sign(ticket.Value));
    }
}
