using System.Net;
using EventBooking.WebApi.IntegrationTests.Support;

namespace EventBooking.WebApi.IntegrationTests.Bookings;

/// <summary>Contract §5 and §8: DELETE /api/bookings/:id by the owner or an admin, audited with the actor.</summary>
public sealed class CancelBookingTests(DatabaseFixture database) : BookingApiTest(database)
{
    [Fact]
    public async Task Cancel_WhenTheOwnerCancels_ShouldAnswer200AndReleaseTheSeatAndLogTheOwner()
    {
        var (userId, token) = await CreateUserAsync("ann@example.com");
        var eventId = await InsertBookingEventAsync(seats: 10);
        var bookingId = await BookViaApiAsync(token, eventId);

        var response = await SendAsync(HttpMethod.Delete, BookingPath(bookingId), token);

        await AssertCancelledMessageAsync(response);
        Assert.Equal("cancelled", await BookingStatusAsync(bookingId));
        var cancelledAt = await ScalarAsync<DateTime>("SELECT cancelled_at FROM bookings WHERE booking_id = $1", bookingId);
        Assert.InRange(cancelledAt, DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow.AddMinutes(1));
        Assert.Equal(10, await BookingAvailableSeatsAsync(eventId));
        Assert.Equal(2, await CountBookingLogsAsync());
        var log = await SingleBookingLogAsync(bookingId, "cancelled");
        Assert.Equal(userId, log.UserId);
        Assert.Equal(eventId, log.EventId);
        Assert.Equal(10, log.Details.GetProperty("seats_remaining").GetInt32());
        Assert.Equal("user", log.Details.GetProperty("actor_role").GetString());
        await AssertBookingSeatInvariantAsync(eventId);
    }

    [Fact]
    public async Task Cancel_WhenAnAdminCancelsSomeoneElsesBooking_ShouldAnswer200AndLogTheAdminAsActor()
    {
        var (_, ownerToken) = await CreateUserAsync("ann@example.com");
        var (adminId, adminToken) = await CreateUserAsync("admin@example.com", "admin");
        var eventId = await InsertBookingEventAsync(seats: 10);
        var bookingId = await BookViaApiAsync(ownerToken, eventId);

        var response = await SendAsync(HttpMethod.Delete, BookingPath(bookingId), adminToken);

        await AssertCancelledMessageAsync(response);
        Assert.Equal("cancelled", await BookingStatusAsync(bookingId));
        Assert.Equal(10, await BookingAvailableSeatsAsync(eventId));
        var log = await SingleBookingLogAsync(bookingId, "cancelled");
        Assert.Equal(adminId, log.UserId);
        Assert.Equal("admin", log.Details.GetProperty("actor_role").GetString());
        Assert.Equal(10, log.Details.GetProperty("seats_remaining").GetInt32());
    }

    [Fact]
    public async Task Cancel_WhenTheIdIsInLowerCase_ShouldCancelTheBooking()
    {
        var (userId, token) = await CreateUserAsync("john@example.com");
        var eventId = await InsertBookingEventAsync(seats: 10);
        Assert.True(await SeedBookingAsync(userId, eventId, "BK-SEED-001"));

        var response = await SendAsync(HttpMethod.Delete, BookingPath("bk-seed-001"), token);

        await AssertCancelledMessageAsync(response);
        Assert.Equal("cancelled", await BookingStatusAsync("BK-SEED-001"));
        Assert.Equal(10, await BookingAvailableSeatsAsync(eventId));
    }

    [Fact]
    public async Task Cancel_WhenTheCallerIsAnotherUser_ShouldAnswer403AndChangeNothing()
    {
        var (_, ownerToken) = await CreateUserAsync("ann@example.com");
        var (_, strangerToken) = await CreateUserAsync("eve@example.com");
        var eventId = await InsertBookingEventAsync(seats: 10);
        var bookingId = await BookViaApiAsync(ownerToken, eventId);

        var response = await SendAsync(HttpMethod.Delete, BookingPath(bookingId), strangerToken);

        await AssertBookingErrorAsync(response, HttpStatusCode.Forbidden, "FORBIDDEN", "You don't have permission to cancel this booking");
        await AssertUnchangedAsync(bookingId, eventId, "confirmed", seats: 9, logs: 1);
    }

    [Fact]
    public async Task Cancel_WhenTheBookingIsAlreadyCancelled_ShouldAnswer409AndChangeNothing()
    {
        var (_, token) = await CreateUserAsync("ann@example.com");
        var eventId = await InsertBookingEventAsync(seats: 10);
        var bookingId = await BookViaApiAsync(token, eventId);
        await AssertCancelledMessageAsync(await SendAsync(HttpMethod.Delete, BookingPath(bookingId), token));

        var response = await SendAsync(HttpMethod.Delete, BookingPath(bookingId), token);

        await AssertBookingErrorAsync(response, HttpStatusCode.Conflict, "BOOKING_CONFLICT", "Booking is already cancelled");
        await AssertUnchangedAsync(bookingId, eventId, "cancelled", seats: 10, logs: 2);
    }

    [Fact]
    public async Task Cancel_WhenTheEventHasPassed_ShouldAnswer409AndChangeNothing()
    {
        var (_, token) = await CreateUserAsync("ann@example.com");
        var eventId = await InsertBookingEventAsync(seats: 10);
        var bookingId = await BookViaApiAsync(token, eventId);
        await MoveBookingEventAsync(eventId, "timezone('utc', now()) - interval '1 hour'");

        var response = await SendAsync(HttpMethod.Delete, BookingPath(bookingId), token);

        await AssertBookingErrorAsync(response, HttpStatusCode.Conflict, "BOOKING_CONFLICT", "Cannot cancel bookings for past events");
        await AssertUnchangedAsync(bookingId, eventId, "confirmed", seats: 9, logs: 1);
    }

    [Fact]
    public async Task Cancel_WhenAnAdminCancelsForAPastEvent_ShouldAnswer409Too()
    {
        var (_, ownerToken) = await CreateUserAsync("ann@example.com");
        var (_, adminToken) = await CreateUserAsync("admin@example.com", "admin");
        var eventId = await InsertBookingEventAsync(seats: 10);
        var bookingId = await BookViaApiAsync(ownerToken, eventId);
        await MoveBookingEventAsync(eventId, "timezone('utc', now()) - interval '1 hour'");

        var response = await SendAsync(HttpMethod.Delete, BookingPath(bookingId), adminToken);

        await AssertBookingErrorAsync(response, HttpStatusCode.Conflict, "BOOKING_CONFLICT", "Cannot cancel bookings for past events");
        await AssertUnchangedAsync(bookingId, eventId, "confirmed", seats: 9, logs: 1);
    }

    [Fact]
    public async Task Cancel_WhenTheBookingDoesNotExist_ShouldAnswer404BookingNotFound()
    {
        var (_, token) = await CreateUserAsync("admin@example.com", "admin");

        var response = await SendAsync(HttpMethod.Delete, BookingPath("BK-NOPE-ABCDEF"), token);

        await AssertBookingErrorAsync(response, HttpStatusCode.NotFound, "NOT_FOUND", "Booking not found");
        Assert.Equal(0, await CountBookingLogsAsync());
    }

    [Fact]
    public async Task Cancel_WhenNoTokenIsSent_ShouldAnswer401AndChangeNothing()
    {
        var (userId, _) = await CreateUserAsync("ann@example.com");
        var eventId = await InsertBookingEventAsync(seats: 10);
        Assert.True(await SeedBookingAsync(userId, eventId, "BK-T-001"));

        var response = await SendAsync(HttpMethod.Delete, BookingPath("BK-T-001"));

        await AssertErrorAsync(response, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await AssertUnchangedAsync("BK-T-001", eventId, "confirmed", seats: 9, logs: 1);
    }

    private static async Task AssertCancelledMessageAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200, got {(int)response.StatusCode}: {text}");
        var body = await ReadJsonAsync(response);
        AssertBookingFields(body, "success", "message");
        Assert.True(body.GetProperty("success").GetBoolean());
        Assert.Equal("Booking cancelled successfully", body.GetProperty("message").GetString());
    }

    private async Task AssertUnchangedAsync(string bookingId, int eventId, string status, int seats, int logs)
    {
        Assert.Equal(status, await BookingStatusAsync(bookingId));
        Assert.Equal(seats, await BookingAvailableSeatsAsync(eventId));
        Assert.Equal(logs, await CountBookingLogsAsync());
        await AssertBookingSeatInvariantAsync(eventId);
    }
}
