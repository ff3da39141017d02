using System.Globalization;
using System.Net;
using EventBooking.WebApi.IntegrationTests.Support;
using static EventBooking.WebApi.IntegrationTests.Support.ApiAssertions;

namespace EventBooking.WebApi.IntegrationTests.Bookings;

/// <summary>Contract §5: POST /api/bookings books one seat for the token's user, or changes nothing.</summary>
public sealed class CreateBookingTests(DatabaseFixture database) : BookingApiTest(database)
{
    [Fact]
    public async Task Create_WhenTheEventHasSeats_ShouldAnswer201WithTheBookingAndTakeOneSeat()
    {
        var (userId, token) = await CreateUserAsync("ann@example.com");
        var eventId = await InsertBookingEventAsync(seats: 10, name: "Jazz Night");
        var before = DateTime.UtcNow;

        var response = await PostBookingAsync(token, eventId);

        var after = DateTime.UtcNow;
        var data = await AssertSuccessAsync(response, HttpStatusCode.Created);
        AssertBookingFields(data, "bookingId", "eventId", "status", "createdAt", "event");
        var bookingId = data.GetProperty("bookingId").GetString()!;
        Assert.Matches(BookingIdPattern, bookingId);
        Assert.True(bookingId.Length <= 50, bookingId);
        Assert.InRange(BookingIdTime(bookingId), before.AddSeconds(-5), after.AddSeconds(5));
        Assert.Equal(eventId, data.GetProperty("eventId").GetInt32());
        Assert.Equal("confirmed", data.GetProperty("status").GetString());
        Assert.Matches(BookingTimePattern, data.GetProperty("createdAt").GetString());
        Assert.Equal(
            await BookingWireTimeAsync("SELECT created_at FROM bookings WHERE booking_id = $1", bookingId),
            data.GetProperty("createdAt").GetString());
        await AssertBookingEventSummaryAsync(data.GetProperty("event"), eventId, availableSeats: 9);

        Assert.Equal(9, await BookingAvailableSeatsAsync(eventId));
        Assert.Equal(1, await CountBookingRowsAsync());
        Assert.Equal(userId, await ScalarAsync<int>("SELECT user_id FROM bookings WHERE booking_id = $1", bookingId));
        Assert.Equal("confirmed", await BookingStatusAsync(bookingId));
        Assert.Equal(1, await CountBookingLogsAsync());
        var log = await SingleBookingLogAsync(bookingId, "created");
        Assert.Equal(userId, log.UserId);
        Assert.Equal(eventId, log.EventId);
        Assert.Equal(9, log.Details.GetProperty("seats_remaining").GetInt32());
        await AssertBookingSeatInvariantAsync(eventId);
    }

    [Fact]
    public async Task Create_WhenTheBodyCarriesUserIdAndStatus_ShouldIgnoreThemAndBookForTheTokensUser()
    {
        var (annId, annToken) = await CreateUserAsync("ann@example.com");
        var (bobId, _) = await CreateUserAsync("bob@example.com");
        var eventId = await InsertBookingEventAsync();
        var body = string.Create(CultureInfo.InvariantCulture, $$"""{"eventId":{{eventId}},"userId":{{bobId}},"status":"cancelled"}""");

        var response = await SendTextAsync(HttpMethod.Post, Bookings, body, token: annToken);

        var data = await AssertSuccessAsync(response, HttpStatusCode.Created);
        Assert.Equal("confirmed", data.GetProperty("status").GetString());
        var bookingId = data.GetProperty("bookingId").GetString()!;
        Assert.Equal(annId, await ScalarAsync<int>("SELECT user_id FROM bookings WHERE booking_id = $1", bookingId));
        Assert.Equal("confirmed", await BookingStatusAsync(bookingId));
        Assert.Equal(0, await ScalarAsync<long>("SELECT count(*) FROM bookings WHERE user_id = $1", bobId));
        Assert.Equal(annId, (await SingleBookingLogAsync(bookingId, "created")).UserId);
    }

    [Fact]
    public async Task Create_WhenTheEventDoesNotExist_ShouldAnswer404EventNotFoundAndChangeNothing()
    {
        var (_, token) = await CreateUserAsync("ann@example.com");
        var eventId = await InsertBookingEventAsync();

        var response = await PostBookingAsync(token, eventId + 1000);

        await AssertBookingErrorAsync(response, HttpStatusCode.NotFound, "NOT_FOUND", "Event not found");
        await AssertNothingBookedAsync(eventId, seats: 10);
    }

    [Fact]
    public async Task Create_WhenEventIdIsTheLargestInteger_ShouldAnswer404EventNotFound()
    {
        var (_, token) = await CreateUserAsync("ann@example.com");
        var eventId = await InsertBookingEventAsync();

        var response = await SendTextAsync(HttpMethod.Post, Bookings, """{"eventId":2147483647}""", token: token);

        await AssertBookingErrorAsync(response, HttpStatusCode.NotFound, "NOT_FOUND", "Event not found");
        await AssertNothingBookedAsync(eventId, seats: 10);
    }

    [Fact]
    public async Task Create_WhenTheEventIsInThePast_ShouldAnswer409CannotBookPastEventsAndChangeNothing()
    {
        var (_, token) = await CreateUserAsync("ann@example.com");
        var eventId = await InsertBookingEventAsync(past: true);

        var response = await PostBookingAsync(token, eventId);

        await AssertBookingErrorAsync(response, HttpStatusCode.Conflict, "BOOKING_CONFLICT", "Cannot book past events");
        await AssertNothingBookedAsync(eventId, seats: 10);
    }

    [Fact]
    public async Task Create_WhenTheEventIsFull_ShouldAnswer409NoSeatsAvailableAndChangeNothing()
    {
        var (bobId, _) = await CreateUserAsync("bob@example.com");
        var (_, token) = await CreateUserAsync("ann@example.com");
        var eventId = await InsertBookingEventAsync(seats: 1);
        Assert.True(await SeedBookingAsync(bobId, eventId, "BK-T-001"));

        var response = await PostBookingAsync(token, eventId);

        await AssertBookingErrorAsync(response, HttpStatusCode.Conflict, "BOOKING_CONFLICT", "No seats available for this event");
        Assert.Equal(0, await BookingAvailableSeatsAsync(eventId));
        Assert.Equal(1, await CountBookingRowsAsync());
        Assert.Equal(1, await CountBookingLogsAsync());
        await AssertBookingSeatInvariantAsync(eventId);
    }

    [Fact]
    public async Task Create_WhenTheCallerAlreadyHasABooking_ShouldAnswer409AlreadyBookedAndChangeNothing()
    {
        var (_, token) = await CreateUserAsync("ann@example.com");
        var eventId = await InsertBookingEventAsync(seats: 10);
        await BookViaApiAsync(token, eventId);

        var response = await PostBookingAsync(token, eventId);

        await AssertBookingErrorAsync(response, HttpStatusCode.Conflict, "BOOKING_CONFLICT", "You already have a booking for this event");
        Assert.Equal(9, await BookingAvailableSeatsAsync(eventId));
        Assert.Equal(1, await CountBookingRowsAsync());
        Assert.Equal(1, await CountBookingLogsAsync());
        await AssertBookingSeatInvariantAsync(eventId);
    }

    [Fact]
    public async Task Create_WhenTheCallerCancelledTheirBookingEarlier_ShouldAnswer201WithANewBooking()
    {
        var (userId, token) = await CreateUserAsync("ann@example.com");
        var eventId = await InsertBookingEventAsync(seats: 10);
        var first = await BookViaApiAsync(token, eventId);
        Assert.True(await SeedCancellationAsync(first));

        var response = await PostBookingAsync(token, eventId);

        var data = await AssertSuccessAsync(response, HttpStatusCode.Created);
        var second = data.GetProperty("bookingId").GetString()!;
        Assert.NotEqual(first, second);
        Assert.Equal(9, data.GetProperty("event").GetProperty("availableSeats").GetInt32());
        Assert.Equal(9, await BookingAvailableSeatsAsync(eventId));
        Assert.Equal("cancelled", await BookingStatusAsync(first));
        Assert.Equal("confirmed", await BookingStatusAsync(second));
        Assert.Equal(2, await ScalarAsync<long>("SELECT count(*) FROM bookings WHERE user_id = $1", userId));
        Assert.Equal(2, await CountBookingLogsAsync("created"));
        await AssertBookingSeatInvariantAsync(eventId);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"eventId":null}""")]
    [InlineData("""{"eventId":0}""")]
    [InlineData("""{"eventId":-1}""")]
    [InlineData("""{"eventId":"{id}"}""")]
    [InlineData("""{"eventId":1.5}""")]
    [InlineData("""{"eventId":99999999999}""")]
    [InlineData("""{"eventId":[1]}""")]
    public async Task Create_WhenEventIdIsMissingOrNotAPositiveJsonInteger_ShouldAnswer400NamingEventIdAndChangeNothing(string body)
    {
        var (_, token) = await CreateUserAsync("ann@example.com");
        var eventId = await InsertBookingEventAsync(seats: 10);

        var response = await SendTextAsync(
            HttpMethod.Post, Bookings, body.Replace("{id}", eventId.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal), token: token);

        var error = await AssertErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Equal(["eventId"], DetailFields(error));
        await AssertNoInternalsAsync(response);
        await AssertNothingBookedAsync(eventId, seats: 10);
    }

    [Fact]
    public async Task Create_WhenThereIsNoBody_ShouldAnswer400AndChangeNothing()
    {
        var (_, token) = await CreateUserAsync("ann@example.com");
        var eventId = await InsertBookingEventAsync(seats: 10);

        var response = await SendAsync(HttpMethod.Post, Bookings, token);

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await AssertNothingBookedAsync(eventId, seats: 10);
    }

    [Fact]
    public async Task Create_WhenTheBodyIsNotJson_ShouldAnswer415AndChangeNothing()
    {
        var (_, token) = await CreateUserAsync("ann@example.com");
        var eventId = await InsertBookingEventAsync(seats: 10);

        var response = await SendTextAsync(
            HttpMethod.Post, Bookings, string.Create(CultureInfo.InvariantCulture, $"eventId={eventId}"), "application/x-www-form-urlencoded", token);

        await AssertErrorAsync(response, HttpStatusCode.UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE");
        await AssertNothingBookedAsync(eventId, seats: 10);
    }

    [Fact]
    public async Task Create_WhenNoTokenIsSent_ShouldAnswer401AndChangeNothing()
    {
        var eventId = await InsertBookingEventAsync(seats: 10);

        var response = await SendAsync(HttpMethod.Post, Bookings, json: new { eventId });

        await AssertBookingErrorAsync(response, HttpStatusCode.Unauthorized, "UNAUTHORIZED", "Authentication required");
        await AssertNothingBookedAsync(eventId, seats: 10);
    }

    [Fact]
    public async Task Create_WhenTheTokensUserNoLongerExists_ShouldAnswer401AndChangeNothing()
    {
        var (userId, token) = await CreateUserAsync("ann@example.com");
        var eventId = await InsertBookingEventAsync(seats: 10);
        await ExecuteBookingSqlAsync("DELETE FROM users WHERE id = $1", userId);

        var response = await PostBookingAsync(token, eventId);

        await AssertErrorAsync(response, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await AssertNothingBookedAsync(eventId, seats: 10);
    }

    private async Task AssertNothingBookedAsync(int eventId, int seats)
    {
        Assert.Equal(seats, await BookingAvailableSeatsAsync(eventId));
        Assert.Equal(0, await CountBookingRowsAsync());
        Assert.Equal(0, await CountBookingLogsAsync());
    }
}
