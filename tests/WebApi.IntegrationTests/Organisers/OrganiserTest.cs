using EventBooking.WebApi.IntegrationTests.Support;

namespace EventBooking.WebApi.IntegrationTests.Organisers;

/// <summary>Fixtures for the organiser endpoints: an event created by a regular user, bookings at chosen times.</summary>
public abstract class OrganiserTest(DatabaseFixture database) : ApiTest(database)
{
    protected Task<int> InsertEventAsync(int createdBy, int capacity) =>
        ScalarAsync<int>(
            "INSERT INTO events (name, event_date, seat_capacity, available_seats, created_by) VALUES ('Meetup', timezone('utc', now()) + interval '30 days', $1, $1, $2) RETURNING id",
            capacity,
            createdBy);

    /// <summary>A booking made through create_booking, then back-dated (bookings has no trigger on created_at).</summary>
    protected async Task<string> BookAsync(int userId, int eventId, string bookingId, TimeSpan ago)
    {
        Assert.True(await ScalarAsync<bool>("SELECT create_booking($1, $2, $3)", userId, eventId, bookingId));
        await ScalarAsync<int>(
            "WITH u AS (UPDATE bookings SET created_at = timezone('utc', now()) - $2 WHERE booking_id = $1 RETURNING 1) SELECT count(*)::int FROM u",
            bookingId,
            ago);
        return bookingId;
    }

    protected Task CancelAsync(string bookingId) => ScalarAsync<bool>("SELECT cancel_booking($1)", bookingId);
}
