namespace EventBooking.ArchitectureTests.Fixtures.SeatWrites.Persistence;

/// <summary>Control: reads of the seat columns, comparisons included, are not writes.</summary>
internal static class CleanAvailability
{
    public const string Untouched = "SELECT id FROM events WHERE available_seats = seat_capacity";

    public static string ForUpdate(int eventId) =>
        $"SELECT available_seats, seat_capacity FROM events WHERE id = {eventId} AND available_seats >= 1 FOR UPDATE";
}
