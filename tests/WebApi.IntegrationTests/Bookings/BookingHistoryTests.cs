using System.Net;
using System.Text.Json;
using EventBooking.WebApi.IntegrationTests.Support;

namespace EventBooking.WebApi.IntegrationTests.Bookings;

/// <summary>GET /api/bookings/:id/history: the audit trail of one booking, oldest first, for its owner or an admin.</summary>
public sealed class BookingHistoryTests(DatabaseFixture database) : BookingApiTest(database)
{
    [Fact]
    public async Task History_WhenTheOwnerBookedAndCancelled_ShouldAnswerCreatedThenCancelled()
    {
        var (userId, token) = await CreateUserAsync("ann@example.com");
        var eventId = await InsertBookingEventAsync(seats: 10);
        var bookingId = await BookViaApiAsync(token, eventId);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Delete, BookingPath(bookingId), token)).StatusCode);

        var response = await SendAsync(HttpMethod.Get, BookingHistoryPath(bookingId), token);

        var data = await AssertSuccessAsync(response, HttpStatusCode.OK);
        AssertBookingFields(data, "bookingId", "history");
        Assert.Equal(bookingId, data.GetProperty("bookingId").GetString());
        var history = data.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(["created", "cancelled"], history.Select(h => h.GetProperty("action").GetString()));
        foreach (var entry in history)
        {
            AssertBookingFields(entry, "action", "userId", "eventId", "details", "timestamp");
            Assert.Equal(userId, entry.GetProperty("userId").GetInt32());
            Assert.Equal(eventId, entry.GetProperty("eventId").GetInt32());
            Assert.Equal(
                await BookingWireTimeAsync(
                    "SELECT \"timestamp\" FROM booking_logs WHERE booking_id = $1 AND action = $2", bookingId, entry.GetProperty("action").GetString()!),
                entry.GetProperty("timestamp").GetString());
        }

        Assert.Equal(9, history[0].GetProperty("details").GetProperty("seats_remaining").GetInt32());
        Assert.Equal(10, history[1].GetProperty("details").GetProperty("seats_remaining").GetInt32());
        Assert.Equal("user", history[1].GetProperty("details").GetProperty("actor_role").GetString());
        Assert.True(
            string.CompareOrdinal(history[0].GetProperty("timestamp").GetString(), history[1].GetProperty("timestamp").GetString()) <= 0);
    }

    [Fact]
    public async Task History_WhenTheUserRebooksAfterCancelling_ShouldKeepTheTwoBookingsTrailsApart()
    {
        var (_, token) = await CreateUserAsync("ann@example.com");
        var eventId = await InsertBookingEventAsync(seats: 10);
        var first = await BookViaApiAsync(token, eventId);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Delete, BookingPath(first), token)).StatusCode);
        var second = await BookViaApiAsync(token, eventId);

        var firstHistory = await AssertSuccessAsync(await SendAsync(HttpMethod.Get, BookingHistoryPath(first), token), HttpStatusCode.OK);
        var secondHistory = await AssertSuccessAsync(await SendAsync(HttpMethod.Get, BookingHistoryPath(second), token), HttpStatusCode.OK);

        Assert.NotEqual(first, second);
        Assert.Equal(["created", "cancelled"], Actions(firstHistory));
        Assert.Equal(["created"], Actions(secondHistory));
        Assert.Equal(second, secondHistory.GetProperty("bookingId").GetString());
        Assert.Equal(9, secondHistory.GetProperty("history")[0].GetProperty("details").GetProperty("seats_remaining").GetInt32());
    }

    [Fact]
    public async Task History_WhenAnAdminCancelledAndAsks_ShouldAnswer200NamingTheAdminAsActor()
    {
        var (ownerId, ownerToken) = await CreateUserAsync("ann@example.com");
        var (adminId, adminToken) = await CreateUserAsync("admin@example.com", "admin");
        var eventId = await InsertBookingEventAsync(seats: 10);
        var bookingId = await BookViaApiAsync(ownerToken, eventId);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Delete, BookingPath(bookingId), adminToken)).StatusCode);

        var response = await SendAsync(HttpMethod.Get, BookingHistoryPath(bookingId), adminToken);

        var data = await AssertSuccessAsync(response, HttpStatusCode.OK);
        var history = data.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(["created", "cancelled"], history.Select(h => h.GetProperty("action").GetString()));
        Assert.Equal(ownerId, history[0].GetProperty("userId").GetInt32());
        Assert.Equal(adminId, history[1].GetProperty("userId").GetInt32());
        Assert.Equal("admin", history[1].GetProperty("details").GetProperty("actor_role").GetString());
    }

    [Fact]
    public async Task History_WhenTheIdIsASeededIdInLowerCase_ShouldAnswerTheCanonicalId()
    {
        var (userId, token) = await CreateUserAsync("john@example.com");
        var eventId = await InsertBookingEventAsync(seats: 10);
        Assert.True(await SeedBookingAsync(userId, eventId, "BK-SEED-001"));

        var response = await SendAsync(HttpMethod.Get, BookingHistoryPath("bk-seed-001"), token);

        var data = await AssertSuccessAsync(response, HttpStatusCode.OK);
        Assert.Equal("BK-SEED-001", data.GetProperty("bookingId").GetString());
        Assert.Equal(["created"], Actions(data));
    }

    [Fact]
    public async Task History_WhenTheCallerIsAnotherUser_ShouldAnswer403()
    {
        var (userId, _) = await CreateUserAsync("ann@example.com");
        var (_, strangerToken) = await CreateUserAsync("eve@example.com");
        var eventId = await InsertBookingEventAsync();
        Assert.True(await SeedBookingAsync(userId, eventId, "BK-T-001"));

        var response = await SendAsync(HttpMethod.Get, BookingHistoryPath("BK-T-001"), strangerToken);

        await AssertBookingErrorAsync(response, HttpStatusCode.Forbidden, "FORBIDDEN", "You don't have permission to view this booking");
    }

    [Fact]
    public async Task History_WhenTheBookingDoesNotExist_ShouldAnswer404()
    {
        var (_, adminToken) = await CreateUserAsync("admin@example.com", "admin");

        var response = await SendAsync(HttpMethod.Get, BookingHistoryPath("BK-NOPE-ABCDEF"), adminToken);

        await AssertBookingErrorAsync(response, HttpStatusCode.NotFound, "NOT_FOUND", "Booking not found");
    }

    [Fact]
    public async Task History_WhenNoTokenIsSent_ShouldAnswer401()
    {
        var (userId, _) = await CreateUserAsync("ann@example.com");
        var eventId = await InsertBookingEventAsync();
        Assert.True(await SeedBookingAsync(userId, eventId, "BK-T-001"));

        var response = await SendAsync(HttpMethod.Get, BookingHistoryPath("BK-T-001"));

        await AssertErrorAsync(response, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    private static IEnumerable<string?> Actions(JsonElement data) =>
        data.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("action").GetString());
}
