using System.Net;
using System.Text.Json;
using EventBooking.WebApi.IntegrationTests.Support;

namespace EventBooking.WebApi.IntegrationTests.Bookings;

/// <summary>Contract §5: GET /api/bookings/user/me lists only the caller's bookings, newest first, paged.</summary>
public sealed class MyBookingsTests(DatabaseFixture database) : BookingApiTest(database)
{
    [Fact]
    public async Task Mine_WhenTheCallerHasBookings_ShouldListOnlyTheirsNewestFirstIncludingCancelled()
    {
        var (annId, annToken, events) = await ArrangeAsync();

        var response = await SendAsync(HttpMethod.Get, MyBookings, annToken);

        var data = await AssertSuccessAsync(response, HttpStatusCode.OK);
        AssertBookingFields(data, "bookings", "total", "hasMore");
        Assert.Equal(4, data.GetProperty("total").GetInt32());
        var bookings = data.GetProperty("bookings").EnumerateArray().ToList();
        Assert.Equal(["BK-T-003", "BK-T-002", "BK-T-005", "BK-T-001"], bookings.Select(b => b.GetProperty("bookingId").GetString()));
        foreach (var booking in bookings)
        {
            AssertBookingFields(booking, "id", "bookingId", "userId", "eventId", "status", "createdAt", "cancelledAt", "checkedInAt", "event");
            Assert.Equal(annId, booking.GetProperty("userId").GetInt32());
            Assert.Equal(JsonValueKind.Null, booking.GetProperty("checkedInAt").ValueKind);
            var bookingId = booking.GetProperty("bookingId").GetString()!;
            Assert.Equal(await ScalarAsync<int>("SELECT id FROM bookings WHERE booking_id = $1", bookingId), booking.GetProperty("id").GetInt32());
            Assert.Equal(
                await BookingWireTimeAsync("SELECT created_at FROM bookings WHERE booking_id = $1", bookingId),
                booking.GetProperty("createdAt").GetString());
            await AssertBookingEventSummaryAsync(booking.GetProperty("event"), booking.GetProperty("eventId").GetInt32());
        }

        var cancelled = bookings[1];
        Assert.Equal(events[1], cancelled.GetProperty("eventId").GetInt32());
        Assert.Equal("cancelled", cancelled.GetProperty("status").GetString());
        Assert.Matches(BookingTimePattern, cancelled.GetProperty("cancelledAt").GetString());
        Assert.Equal("confirmed", bookings[0].GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, bookings[0].GetProperty("cancelledAt").ValueKind);
    }

    [Theory]
    [InlineData("?limit=2", "BK-T-003,BK-T-002", true)]
    [InlineData("?limit=2&offset=1", "BK-T-002,BK-T-005", true)]
    [InlineData("?limit=2&offset=2", "BK-T-005,BK-T-001", false)]
    [InlineData("?offset=3", "BK-T-001", false)]
    [InlineData("?limit=100&offset=4", "", false)]
    [InlineData("?offset=50", "", false)]
    public async Task Mine_WhenPaged_ShouldAnswerThePageAndTheFullTotal(string query, string expected, bool hasMore)
    {
        var (_, annToken, _) = await ArrangeAsync();

        var response = await SendAsync(HttpMethod.Get, MyBookings + query, annToken);

        var data = await AssertSuccessAsync(response, HttpStatusCode.OK);
        Assert.Equal(4, data.GetProperty("total").GetInt32());
        Assert.Equal(hasMore, data.GetProperty("hasMore").GetBoolean());
        Assert.Equal(expected.Split(',', StringSplitOptions.RemoveEmptyEntries), data.GetProperty("bookings").EnumerateArray().Select(b => b.GetProperty("bookingId").GetString()));
    }

    [Fact]
    public async Task Mine_WhenTheCallerHasNoBookings_ShouldAnswerAnEmptyList()
    {
        await ArrangeAsync();
        var (_, token) = await CreateUserAsync("nobody@example.com");

        var response = await SendAsync(HttpMethod.Get, MyBookings, token);

        var data = await AssertSuccessAsync(response, HttpStatusCode.OK);
        Assert.Empty(data.GetProperty("bookings").EnumerateArray());
        Assert.Equal(0, data.GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("?limit=0")]
    [InlineData("?limit=101")]
    [InlineData("?limit=-1")]
    [InlineData("?offset=-1")]
    [InlineData("?limit=abc")]
    [InlineData("?offset=1.5")]
    public async Task Mine_WhenPagingIsOutOfRange_ShouldAnswer400(string query)
    {
        var (_, token) = await CreateUserAsync("ann@example.com");

        var response = await SendAsync(HttpMethod.Get, MyBookings + query, token);

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Fact]
    public async Task Mine_WhenNoTokenIsSent_ShouldAnswer401()
    {
        var response = await SendAsync(HttpMethod.Get, MyBookings);

        await AssertErrorAsync(response, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    /// <summary>
    /// Ann: 001 (3 days ago), 002 (1 day ago, cancelled), 003 (1 day ago, same time, later id), 005 (2 days ago);
    /// Bob: 004, which Ann must never see.
    /// </summary>
    private async Task<(int AnnId, string AnnToken, int[] Events)> ArrangeAsync()
    {
        var (annId, annToken) = await CreateUserAsync("ann@example.com");
        var (bobId, _) = await CreateUserAsync("bob@example.com");
        int[] events =
        [
            await InsertBookingEventAsync(name: "One"),
            await InsertBookingEventAsync(name: "Two"),
            await InsertBookingEventAsync(name: "Three"),
            await InsertBookingEventAsync(name: "Four"),
        ];
        Assert.True(await SeedBookingAsync(annId, events[0], "BK-T-001"));
        Assert.True(await SeedBookingAsync(annId, events[1], "BK-T-002"));
        Assert.True(await SeedBookingAsync(annId, events[2], "BK-T-003"));
        Assert.True(await SeedBookingAsync(bobId, events[0], "BK-T-004"));
        Assert.True(await SeedBookingAsync(annId, events[3], "BK-T-005"));
        Assert.True(await SeedCancellationAsync("BK-T-002"));
        await BookingCreatedAtAsync("BK-T-001", "date_trunc('second', timezone('utc', now())) - interval '3 days'");
        await BookingCreatedAtAsync("BK-T-002", "date_trunc('second', timezone('utc', now())) - interval '1 day'");
        await ExecuteBookingSqlAsync("UPDATE bookings SET created_at = (SELECT created_at FROM bookings WHERE booking_id = 'BK-T-002') WHERE booking_id = 'BK-T-003'");
        await BookingCreatedAtAsync("BK-T-004", "date_trunc('second', timezone('utc', now()))");
        await BookingCreatedAtAsync("BK-T-005", "date_trunc('second', timezone('utc', now())) - interval '2 days'");
        return (annId, annToken, events);
    }
}
