namespace EventBooking.ArchitectureTests.Fixtures.SeatWrites.Persistence.Migrations;

/// <summary>Control: a migration creates the functions that change seat state.</summary>
internal static class SeatFunctions
{
    public const string Up = """
        CREATE FUNCTION cancel_booking(p_booking_id text, p_actor_id integer) RETURNS boolean AS $$
        BEGIN
            UPDATE bookings SET status = 'cancelled' WHERE booking_id = p_booking_id;
            UPDATE events SET available_seats = available_seats + 1 WHERE id = p_event_id;
        END $$ LANGUAGE plpgsql;
        """;
}
