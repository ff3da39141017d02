namespace EventBooking.Domain.Bookings;

/// <summary>
/// A booking's holder came through the door: when, and who scanned the ticket (null once that account is deleted).
/// A booking is checked in at most once; the seat ledger writes and removes it (<see cref="BookingCheckIn"/>,
/// <see cref="CheckInUndo"/>).
/// </summary>
public sealed class CheckIn
{
    private CheckIn()
    {
    }

    public string BookingId { get; private set; } = string.Empty;

    public int EventId { get; private set; }

    public DateTime CheckedInAt { get; private set; }

    public int? CheckedInBy { get; private set; }
}
