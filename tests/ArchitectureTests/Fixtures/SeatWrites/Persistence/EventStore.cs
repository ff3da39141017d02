namespace EventBooking.ArchitectureTests.Fixtures.SeatWrites.Persistence;

/// <summary>Planted violation: seat arithmetic in a const, a booking row written from a lambda, a check-in undone by hand.</summary>
internal static class EventStore
{
    public const string ReleaseSeats = "update events e set available_seats = e.available_seats + $2 where e.id = $1";

    public const string ForgetCheckIn = "DELETE FROM check_ins WHERE booking_id = $1";

    public static Func<Func<string, Task<int>>, Task<int>> Import { get; } =
        execute => execute("INSERT INTO bookings (booking_id, user_id, event_id) VALUES ($1, $2, $3)");
}
