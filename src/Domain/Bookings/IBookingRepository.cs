namespace EventBooking.Domain.Bookings;

/// <summary>Loads <see cref="Booking"/> aggregates. Bookings change only through <c>IBookingLedger</c> (the stored functions).</summary>
public interface IBookingRepository
{
    /// <summary>The booking and the date of its event (what a cancellation is judged by), or null.</summary>
    Task<BookingWithEventDate?> FindWithEventDateAsync(string bookingId, CancellationToken cancellationToken);
}

public sealed record BookingWithEventDate(Booking Booking, DateTime EventDate);
