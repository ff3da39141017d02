namespace EventBooking.Domain.Bookings;

/// <summary>Loads <see cref="Booking"/> aggregates. Bookings (and their check-ins) change only through <c>ISeatLedger</c> (the stored functions); a loaded booking carries its check-in.</summary>
public interface IBookingRepository
{
    /// <summary>The booking and the date of its event (what a cancellation is judged by), or null.</summary>
    Task<BookingWithEventDate?> FindWithEventDateAsync(string bookingId, CancellationToken cancellationToken);

    /// <summary>The booking with what its ticket shows: the event's name and date, and the holder's name; or null.</summary>
    Task<BookingForTicket?> FindForTicketAsync(string bookingId, CancellationToken cancellationToken);
}

public sealed record BookingWithEventDate(Booking Booking, DateTime EventDate);

public sealed record BookingForTicket(Booking Booking, string EventName, DateTime EventDate, string HolderName);
