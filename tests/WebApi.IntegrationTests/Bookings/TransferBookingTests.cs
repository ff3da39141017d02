using System.Net;
using EventBooking.WebApi.IntegrationTests.Realtime;
using EventBooking.WebApi.IntegrationTests.Support;

namespace EventBooking.WebApi.IntegrationTests.Bookings;

/// <summary>
/// POST /api/bookings/{bookingId}/transfer: the owner or an admin hands a confirmed booking of an upcoming event to
/// another account, through the seat ledger (docs/extending.md's worked example).
/// </summary>
public sealed class TransferBookingTests(DatabaseFixture database) : BookingApiTest(database)
{
    private static string TransferPath(string bookingId) => $"{BookingPath(bookingId)}/transfer";

    [Fact]
    public async Task Transfer_ByTheOwner_ShouldAnswer200_MoveTheBooking_AuditIt_AndKeepTheSeatCount()
    {
        var (ownerId, ownerToken) = await CreateUserAsync("ann@example.com");
        var (friendId, friendToken) = await CreateUserAsync("bob@example.com", name: "Bob Friend");
        var eventId = await InsertBookingEventAsync(seats: 10);
        var bookingId = await BookViaApiAsync(ownerToken, eventId);

        var response = await SendAsync(HttpMethod.Post, TransferPath(bookingId), ownerToken, new { email = " BOB@example.com " });

        var data = await AssertSuccessAsync(response, HttpStatusCode.OK);
        Assert.Equal(bookingId, data.GetProperty("bookingId").GetString());
        Assert.Equal(eventId, data.GetProperty("eventId").GetInt32());
        Assert.Equal("confirmed", data.GetProperty("status").GetString());
        AssertBookingUserSummary(data.GetProperty("transferredTo"), friendId, "Bob Friend", "bob@example.com");
        Assert.Matches(BookingTimePattern, data.GetProperty("transferredAt").GetString());
        Assert.Equal(9, data.GetProperty("availableSeats").GetInt32());
        Assert.Equal(friendId, await ScalarAsync<int>("SELECT user_id FROM bookings WHERE booking_id = $1", bookingId));
        Assert.Equal(9, await BookingAvailableSeatsAsync(eventId));
        var log = await SingleBookingLogAsync(bookingId, "transferred");
        Assert.Equal(ownerId, log.UserId);
        Assert.Equal(ownerId, log.Details.GetProperty("from_user_id").GetInt32());
        Assert.Equal(friendId, log.Details.GetProperty("to_user_id").GetInt32());
        await AssertBookingSeatInvariantAsync(eventId);

        // The seat is the recipient's now: theirs to see and cancel, no longer the former owner's.
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Get, BookingPath(bookingId), friendToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(HttpMethod.Delete, BookingPath(bookingId), ownerToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Delete, BookingPath(bookingId), friendToken)).StatusCode);
        Assert.Equal(10, await BookingAvailableSeatsAsync(eventId));
    }

    [Fact]
    public async Task Transfer_ByAnAdmin_ShouldRecordTheAdminAsTheActor()
    {
        var (_, ownerToken) = await CreateUserAsync("ann@example.com");
        await CreateUserAsync("bob@example.com");
        var (adminId, adminToken) = await CreateUserAsync("admin@example.com", "admin");
        var eventId = await InsertBookingEventAsync(seats: 10);
        var bookingId = await BookViaApiAsync(ownerToken, eventId);

        await AssertSuccessAsync(await SendAsync(HttpMethod.Post, TransferPath(bookingId), adminToken, new { email = "bob@example.com" }), HttpStatusCode.OK);

        var log = await SingleBookingLogAsync(bookingId, "transferred");
        Assert.Equal(adminId, log.UserId);
        Assert.Equal("admin", log.Details.GetProperty("actor_role").GetString());
    }

    [Fact]
    public async Task Transfer_ByAStranger_ShouldAnswer403WithoutRevealingWhetherTheRecipientExists()
    {
        var (_, ownerToken) = await CreateUserAsync("ann@example.com");
        var (_, strangerToken) = await CreateUserAsync("eve@example.com");
        var eventId = await InsertBookingEventAsync(seats: 10);
        var bookingId = await BookViaApiAsync(ownerToken, eventId);

        var toNobody = await SendAsync(HttpMethod.Post, TransferPath(bookingId), strangerToken, new { email = "nobody@example.com" });
        var toHerself = await SendAsync(HttpMethod.Post, TransferPath(bookingId), strangerToken, new { email = "eve@example.com" });

        await AssertBookingErrorAsync(toNobody, HttpStatusCode.Forbidden, "FORBIDDEN", "You don't have permission to transfer this booking");
        await AssertBookingErrorAsync(toHerself, HttpStatusCode.Forbidden, "FORBIDDEN", "You don't have permission to transfer this booking");
        Assert.Equal(0, await CountBookingLogsAsync("transferred"));
    }

    [Fact]
    public async Task Transfer_WhenTheRecipientAlreadyHoldsASeat_ShouldAnswer409AndChangeNothing()
    {
        var (_, ownerToken) = await CreateUserAsync("ann@example.com");
        var (_, friendToken) = await CreateUserAsync("bob@example.com");
        var eventId = await InsertBookingEventAsync(seats: 10);
        var bookingId = await BookViaApiAsync(ownerToken, eventId);
        await BookViaApiAsync(friendToken, eventId);

        var response = await SendAsync(HttpMethod.Post, TransferPath(bookingId), ownerToken, new { email = "bob@example.com" });

        await AssertBookingErrorAsync(response, HttpStatusCode.Conflict, "BOOKING_CONFLICT", "The recipient already has a booking for this event");
        Assert.Equal(8, await BookingAvailableSeatsAsync(eventId));
        Assert.Equal(0, await CountBookingLogsAsync("transferred"));
    }

    [Fact]
    public async Task Transfer_OfAPastEventsBooking_ShouldAnswer409()
    {
        var (_, ownerToken) = await CreateUserAsync("ann@example.com");
        await CreateUserAsync("bob@example.com");
        var eventId = await InsertBookingEventAsync(seats: 10);
        var bookingId = await BookViaApiAsync(ownerToken, eventId);
        await MoveBookingEventAsync(eventId, "timezone('utc', now()) - interval '1 hour'");

        var response = await SendAsync(HttpMethod.Post, TransferPath(bookingId), ownerToken, new { email = "bob@example.com" });

        await AssertBookingErrorAsync(response, HttpStatusCode.Conflict, "BOOKING_CONFLICT", "Cannot transfer bookings for past events");
    }

    [Fact]
    public async Task Transfer_OfACancelledBooking_ToOneself_OrToAnUnknownEmail_ShouldAnswerTheRightError()
    {
        var (_, ownerToken) = await CreateUserAsync("ann@example.com");
        await CreateUserAsync("bob@example.com");
        var eventId = await InsertBookingEventAsync(seats: 10);
        var bookingId = await BookViaApiAsync(ownerToken, eventId);

        await AssertBookingErrorAsync(
            await SendAsync(HttpMethod.Post, TransferPath(bookingId), ownerToken, new { email = "ann@example.com" }),
            HttpStatusCode.Conflict,
            "BOOKING_CONFLICT",
            "The booking already belongs to this user");
        await AssertBookingErrorAsync(
            await SendAsync(HttpMethod.Post, TransferPath(bookingId), ownerToken, new { email = "nobody@example.com" }),
            HttpStatusCode.NotFound,
            "NOT_FOUND",
            "No user with this email");
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Delete, BookingPath(bookingId), ownerToken)).StatusCode);
        await AssertBookingErrorAsync(
            await SendAsync(HttpMethod.Post, TransferPath(bookingId), ownerToken, new { email = "bob@example.com" }),
            HttpStatusCode.Conflict,
            "BOOKING_CONFLICT",
            "Booking is already cancelled");
        await AssertBookingErrorAsync(
            await SendAsync(HttpMethod.Post, TransferPath("BK-NOPE-000000"), ownerToken, new { email = "bob@example.com" }),
            HttpStatusCode.NotFound,
            "NOT_FOUND",
            "Booking not found");
        Assert.Equal(0, await CountBookingLogsAsync("transferred"));
    }

    [Fact]
    public async Task Transfer_WithoutAValidEmail_ShouldAnswer400WithTheField()
    {
        var (_, ownerToken) = await CreateUserAsync("ann@example.com");
        var eventId = await InsertBookingEventAsync(seats: 10);
        var bookingId = await BookViaApiAsync(ownerToken, eventId);

        var error = await AssertErrorAsync(
            await SendAsync(HttpMethod.Post, TransferPath(bookingId), ownerToken, new { email = "not-an-email" }), HttpStatusCode.BadRequest, "VALIDATION_ERROR");

        Assert.Equal("email", error.GetProperty("details")[0].GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(HttpMethod.Post, TransferPath(bookingId), null, new { email = "a@b.co" })).StatusCode);
    }

    [Fact]
    public async Task Transfer_ShouldReachTheEventsWatchers()
    {
        await RealtimeSocket.WaitForListenerAsync(Factory);
        var (_, ownerToken) = await CreateUserAsync("ann@example.com");
        await CreateUserAsync("bob@example.com");
        var eventId = await InsertBookingEventAsync(seats: 10);
        var bookingId = await BookViaApiAsync(ownerToken, eventId);
        await using var socket = await RealtimeSocket.ConnectAsync(Factory, $"/ws/events/{eventId}?token={ownerToken}");
        await socket.ReceiveTypeAsync("connection_established");
        await socket.ReceiveTypeAsync("subscribed");

        await AssertSuccessAsync(await SendAsync(HttpMethod.Post, TransferPath(bookingId), ownerToken, new { email = "bob@example.com" }), HttpStatusCode.OK);

        var message = await socket.ReceiveTypeAsync("booking_transferred");
        Assert.Equal(eventId, message.GetProperty("eventId").GetInt32());
        Assert.Equal(9, message.GetProperty("availableSeats").GetInt32());
    }
}
