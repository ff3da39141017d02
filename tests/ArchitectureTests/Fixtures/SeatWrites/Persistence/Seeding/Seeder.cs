namespace EventBooking.ArchitectureTests.Fixtures.SeatWrites.Persistence.Seeding;

/// <summary>
/// Planted violation: a seeder that books by calling the stored function itself, in an async method,
/// through an interpolated (FormattableString) statement, and inserts events with their seat counts.
/// </summary>
internal static class Seeder
{
    public static async Task<int> SeedAsync(Func<FormattableString, Task<int>> execute, int userId, int eventId, string bookingId)
    {
        await execute($"INSERT INTO events (name, seat_capacity, available_seats) VALUES ('Demo', {10}, {10})");
        return await execute($"SELECT create_booking({userId}, {eventId}, {bookingId})");
    }
}
