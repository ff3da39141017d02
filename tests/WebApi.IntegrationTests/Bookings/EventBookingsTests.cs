using System.Net;
using System.Text.Json;
using EventBooking.WebApi.IntegrationTests.Support;
using static EventBooking.WebApi.IntegrationTests.Support.ApiAssertions;

namespace EventBooking.WebApi.IntegrationTests.Bookings;

/// <summary>Contract §5: GET /api/bookings/admin/events/:id for an admin or the event's creator, newest first, paged.</summary>
public sealed class EventBookingsTests(DatabaseFixture database) : BookingApiTest(database)
{
    [Fact]
    public async Task ForEvent_WhenTheCallerIsAnAdmin_ShouldListTheEventsBookingsNewestFirstWithTheirUsers()
    {
        var arranged = await ArrangeAsync();
        var (_, adminToken) = await CreateUserAsync("admin@example.com", "admin", "Admin");

        var response = await SendAsync(HttpMethod.Get, EventBookingsPath(arranged.EventId), adminToken);

        var data = await AssertSuccessAsync(response, HttpStatusCode.OK);
        AssertBookingFields(data, "eventId", "bookings", "total", "hasMore");
        Assert.Equal(arranged.EventId, data.GetProperty("eventId").GetInt32());
        Assert.Equal(3, data.GetProperty("total").GetInt32());
        var bookings = data.GetProperty("bookings").EnumerateArray().ToList();
        Assert.Equal(["BK-T-003", "BK-T-002", "BK-T-001"], bookings.Select(b => b.GetProperty("bookingId").GetString()));
        foreach (var booking in bookings)
        {
            AssertBookingFields(booking, "id", "bookingId", "userId", "eventId", "status", "createdAt", "cancelledAt", "checkedInAt", "user");
            var bookingId = booking.GetProperty("bookingId").GetString()!;
            Assert.Equal(await ScalarAsync<int>("SELECT id FROM bookings WHERE booking_id = $1", bookingId), booking.GetProperty("id").GetInt32());
            Assert.Equal(arranged.EventId, booking.GetProperty("eventId").GetInt32());
            Assert.Equal(JsonValueKind.Null, booking.GetProperty("checkedInAt").ValueKind);
            Assert.Equal(
                await BookingWireTimeAsync("SELECT created_at FROM bookings WHERE booking_id = $1", bookingId),
                booking.GetProperty("createdAt").GetString());
        }

        Assert.Equal(arranged.BobId, bookings[0].GetProperty("userId").GetInt32());
        AssertBookingUserSummary(bookings[0].GetProperty("user"), arranged.BobId, "Bob", "bob@example.com");
        Assert.Equal("cancelled", bookings[1].GetProperty("status").GetString());
        Assert.Matches(BookingTimePattern, bookings[1].GetProperty("cancelledAt").GetString());
        AssertBookingUserSummary(bookings[1].GetProperty("user"), arranged.CarlId, "Carl", "carl@example.com");
        Assert.Equal("confirmed", bookings[2].GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, bookings[2].GetProperty("cancelledAt").ValueKind);
        AssertBookingUserSummary(bookings[2].GetProperty("user"), arranged.AnnId, "Ann", "ann@example.com");
    }

    [Fact]
    public async Task ForEvent_WhenTheCallerIsTheEventsCreator_ShouldAnswer200()
    {
        var arranged = await ArrangeAsync();

        var response = await SendAsync(HttpMethod.Get, EventBookingsPath(arranged.EventId), arranged.CreatorToken);

        var data = await AssertSuccessAsync(response, HttpStatusCode.OK);
        Assert.Equal(3, data.GetProperty("total").GetInt32());
        Assert.Equal(3, data.GetProperty("bookings").GetArrayLength());
    }

    [Fact]
    public async Task ForEvent_WhenTheCallerIsNeitherAdminNorCreator_ShouldAnswer403()
    {
        var arranged = await ArrangeAsync();

        var response = await SendAsync(HttpMethod.Get, EventBookingsPath(arranged.EventId), arranged.AnnToken);

        await AssertErrorAsync(response, HttpStatusCode.Forbidden, "FORBIDDEN");
    }

    [Fact]
    public async Task ForEvent_WhenTheCallerCreatedAnotherEvent_ShouldAnswer403()
    {
        var arranged = await ArrangeAsync();
        var (creatorId, _) = arranged.Creator;
        var otherEvent = await InsertBookingEventAsync(name: "Other");
        await ExecuteBookingSqlAsync("UPDATE events SET created_by = NULL WHERE id = $1", otherEvent);
        Assert.Equal(1, await ScalarAsync<long>("SELECT count(*) FROM events WHERE created_by = $1", creatorId));

        var response = await SendAsync(HttpMethod.Get, EventBookingsPath(otherEvent), arranged.CreatorToken);

        await AssertErrorAsync(response, HttpStatusCode.Forbidden, "FORBIDDEN");
    }

    [Fact]
    public async Task ForEvent_WhenTheEventDoesNotExist_ShouldAnswer404EventNotFound()
    {
        var (_, adminToken) = await CreateUserAsync("admin@example.com", "admin");

        var response = await SendAsync(HttpMethod.Get, EventBookingsPath(4242), adminToken);

        await AssertBookingErrorAsync(response, HttpStatusCode.NotFound, "NOT_FOUND", "Event not found");
    }

    [Fact]
    public async Task ForEvent_WhenTheEventHasNoBookings_ShouldAnswerAnEmptyList()
    {
        var (_, adminToken) = await CreateUserAsync("admin@example.com", "admin");
        var eventId = await InsertBookingEventAsync();

        var response = await SendAsync(HttpMethod.Get, EventBookingsPath(eventId), adminToken);

        var data = await AssertSuccessAsync(response, HttpStatusCode.OK);
        Assert.Equal(eventId, data.GetProperty("eventId").GetInt32());
        Assert.Empty(data.GetProperty("bookings").EnumerateArray());
        Assert.Equal(0, data.GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("?limit=1", "BK-T-003", true)]
    [InlineData("?limit=2&offset=1", "BK-T-002,BK-T-001", false)]
    [InlineData("?limit=1&offset=1", "BK-T-002", true)]
    [InlineData("?offset=2", "BK-T-001", false)]
    [InlineData("?offset=3", "", false)]
    public async Task ForEvent_WhenPaged_ShouldAnswerThePageAndTheFullTotal(string query, string expected, bool hasMore)
    {
        var arranged = await ArrangeAsync();

        var response = await SendAsync(HttpMethod.Get, EventBookingsPath(arranged.EventId) + query, arranged.CreatorToken);

        var data = await AssertSuccessAsync(response, HttpStatusCode.OK);
        Assert.Equal(3, data.GetProperty("total").GetInt32());
        Assert.Equal(hasMore, data.GetProperty("hasMore").GetBoolean());
        Assert.Equal(
            expected.Split(',', StringSplitOptions.RemoveEmptyEntries),
            data.GetProperty("bookings").EnumerateArray().Select(b => b.GetProperty("bookingId").GetString()));
    }

    [Theory]
    [InlineData("?limit=0")]
    [InlineData("?limit=101")]
    [InlineData("?offset=-1")]
    public async Task ForEvent_WhenPagingIsOutOfRange_ShouldAnswer400(string query)
    {
        var (_, adminToken) = await CreateUserAsync("admin@example.com", "admin");
        var eventId = await InsertBookingEventAsync();

        var response = await SendAsync(HttpMethod.Get, EventBookingsPath(eventId) + query, adminToken);

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("99999999999")]
    public async Task ForEvent_WhenTheIdIsNotAPositiveInteger_ShouldAnswer400(string id)
    {
        var (_, adminToken) = await CreateUserAsync("admin@example.com", "admin");

        var response = await SendAsync(HttpMethod.Get, $"{Bookings}/admin/events/{id}", adminToken);

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await AssertNoInternalsAsync(response);
    }

    [Fact]
    public async Task ForEvent_WhenNoTokenIsSent_ShouldAnswer401()
    {
        var eventId = await InsertBookingEventAsync();

        var response = await SendAsync(HttpMethod.Get, EventBookingsPath(eventId));

        await AssertErrorAsync(response, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    /// <summary>
    /// An event created by a regular user; Ann's 001 (2 days ago), Carl's 002 (1 day ago, cancelled), Bob's 003
    /// (1 day ago, same time, later id); and Ann's booking of another event, which must not appear.
    /// </summary>
    private async Task<Arranged> ArrangeAsync()
    {
        var creator = await CreateUserAsync("creator@example.com", name: "Creator");
        var (annId, annToken) = await CreateUserAsync("ann@example.com", name: "Ann");
        var (carlId, _) = await CreateUserAsync("carl@example.com", name: "Carl");
        var (bobId, _) = await CreateUserAsync("bob@example.com", name: "Bob");
        var eventId = await InsertBookingEventAsync(createdBy: creator.Id, name: "Creator's Event");
        var otherEventId = await InsertBookingEventAsync(name: "Someone else's");
        Assert.True(await SeedBookingAsync(annId, eventId, "BK-T-001"));
        Assert.True(await SeedBookingAsync(carlId, eventId, "BK-T-002"));
        Assert.True(await SeedBookingAsync(bobId, eventId, "BK-T-003"));
        Assert.True(await SeedBookingAsync(annId, otherEventId, "BK-T-004"));
        Assert.True(await SeedCancellationAsync("BK-T-002"));
        await BookingCreatedAtAsync("BK-T-001", "date_trunc('second', timezone('utc', now())) - interval '2 days'");
        await BookingCreatedAtAsync("BK-T-002", "date_trunc('second', timezone('utc', now())) - interval '1 day'");
        await ExecuteBookingSqlAsync("UPDATE bookings SET created_at = (SELECT created_at FROM bookings WHERE booking_id = 'BK-T-002') WHERE booking_id = 'BK-T-003'");
        await BookingCreatedAtAsync("BK-T-004", "date_trunc('second', timezone('utc', now()))");
        return new Arranged(eventId, creator, annId, annToken, carlId, bobId);
    }

    private sealed record Arranged(int EventId, (int Id, string Token) Creator, int AnnId, string AnnToken, int CarlId, int BobId)
    {
        public string CreatorToken => Creator.Token;
    }
}
