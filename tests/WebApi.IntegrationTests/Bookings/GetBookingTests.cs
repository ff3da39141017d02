using System.Net;
using EventBooking.WebApi.IntegrationTests.Support;

namespace EventBooking.WebApi.IntegrationTests.Bookings;

/// <summary>Contract §5: GET /api/bookings/:id for the owner (without <c>user</c>) or an admin (with it).</summary>
public sealed class GetBookingTests(DatabaseFixture database) : BookingApiTest(database)
{
    [Fact]
    public async Task Get_WhenTheCallerOwnsTheBooking_ShouldAnswer200WithTheDetailWithoutUser()
    {
        var (_, token) = await CreateUserAsync("ann@example.com", name: "Ann");
        var eventId = await InsertBookingEventAsync(seats: 10, name: "Jazz Night");
        var bookingId = await BookViaApiAsync(token, eventId);

        var response = await SendAsync(HttpMethod.Get, BookingPath(bookingId), token);

        var data = await AssertSuccessAsync(response, HttpStatusCode.OK);
        AssertBookingFields(data, "bookingId", "eventId", "status", "createdAt", "cancelledAt", "checkedInAt", "event");
        Assert.Equal(bookingId, data.GetProperty("bookingId").GetString());
        Assert.Equal(eventId, data.GetProperty("eventId").GetInt32());
        Assert.Equal("confirmed", data.GetProperty("status").GetString());
        Assert.Equal(
            await BookingWireTimeAsync("SELECT created_at FROM bookings WHERE booking_id = $1", bookingId),
            data.GetProperty("createdAt").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, data.GetProperty("cancelledAt").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, data.GetProperty("checkedInAt").ValueKind); // not scanned at the door yet
        await AssertBookingEventSummaryAsync(data.GetProperty("event"), eventId, availableSeats: 9);
    }

    [Fact]
    public async Task Get_WhenTheCallerIsAnAdmin_ShouldAnswer200WithTheOwnerAsUser()
    {
        var (ownerId, ownerToken) = await CreateUserAsync("ann@example.com", name: "Ann Owner");
        var (_, adminToken) = await CreateUserAsync("admin@example.com", "admin", "Admin");
        var eventId = await InsertBookingEventAsync(seats: 10);
        var bookingId = await BookViaApiAsync(ownerToken, eventId);

        var response = await SendAsync(HttpMethod.Get, BookingPath(bookingId), adminToken);

        var data = await AssertSuccessAsync(response, HttpStatusCode.OK);
        AssertBookingFields(data, "bookingId", "eventId", "status", "createdAt", "cancelledAt", "checkedInAt", "event", "user");
        Assert.Equal(bookingId, data.GetProperty("bookingId").GetString());
        AssertBookingUserSummary(data.GetProperty("user"), ownerId, "Ann Owner", "ann@example.com");
        await AssertBookingEventSummaryAsync(data.GetProperty("event"), eventId);
    }

    [Fact]
    public async Task Get_WhenTheBookingIsCancelled_ShouldShowStatusAndCancelledAt()
    {
        var (_, token) = await CreateUserAsync("ann@example.com");
        var eventId = await InsertBookingEventAsync(seats: 10);
        var bookingId = await BookViaApiAsync(token, eventId);
        Assert.True(await SeedCancellationAsync(bookingId));

        var response = await SendAsync(HttpMethod.Get, BookingPath(bookingId), token);

        var data = await AssertSuccessAsync(response, HttpStatusCode.OK);
        Assert.Equal("cancelled", data.GetProperty("status").GetString());
        Assert.Matches(BookingTimePattern, data.GetProperty("cancelledAt").GetString());
        Assert.Equal(
            await BookingWireTimeAsync("SELECT cancelled_at FROM bookings WHERE booking_id = $1", bookingId),
            data.GetProperty("cancelledAt").GetString());
        Assert.Equal(10, data.GetProperty("event").GetProperty("availableSeats").GetInt32());
    }

    [Fact]
    public async Task Get_WhenTheCallerIsAnotherUser_ShouldAnswer403()
    {
        var (_, ownerToken) = await CreateUserAsync("ann@example.com");
        var (_, strangerToken) = await CreateUserAsync("eve@example.com");
        var eventId = await InsertBookingEventAsync();
        var bookingId = await BookViaApiAsync(ownerToken, eventId);

        var response = await SendAsync(HttpMethod.Get, BookingPath(bookingId), strangerToken);

        await AssertBookingErrorAsync(response, HttpStatusCode.Forbidden, "FORBIDDEN", "You don't have permission to view this booking");
    }

    [Fact]
    public async Task Get_WhenTheCallersAdminRoleWasRevokedAfterTheTokenWasIssued_ShouldAnswer403()
    {
        var (_, ownerToken) = await CreateUserAsync("ann@example.com");
        var (formerAdminId, formerAdminToken) = await CreateUserAsync("admin@example.com", "admin");
        var eventId = await InsertBookingEventAsync();
        var bookingId = await BookViaApiAsync(ownerToken, eventId);
        await ExecuteBookingSqlAsync("UPDATE users SET role = 'user' WHERE id = $1", formerAdminId);

        var response = await SendAsync(HttpMethod.Get, BookingPath(bookingId), formerAdminToken);

        await AssertBookingErrorAsync(response, HttpStatusCode.Forbidden, "FORBIDDEN", "You don't have permission to view this booking");
    }

    [Fact]
    public async Task Get_WhenTheBookingDoesNotExist_ShouldAnswer404BookingNotFound()
    {
        var (_, token) = await CreateUserAsync("admin@example.com", "admin");

        var response = await SendAsync(HttpMethod.Get, BookingPath("BK-NOPE-ABCDEF"), token);

        await AssertBookingErrorAsync(response, HttpStatusCode.NotFound, "NOT_FOUND", "Booking not found");
    }

    [Fact]
    public async Task Get_WhenTheIdIsInLowerCase_ShouldFindTheBooking()
    {
        var (_, token) = await CreateUserAsync("ann@example.com");
        var eventId = await InsertBookingEventAsync();
        var bookingId = await BookViaApiAsync(token, eventId);

        var response = await SendAsync(HttpMethod.Get, BookingPath(bookingId.ToLowerInvariant()), token);

        var data = await AssertSuccessAsync(response, HttpStatusCode.OK);
        Assert.Equal(bookingId, data.GetProperty("bookingId").GetString());
    }

    [Theory]
    [InlineData("BK-SEED-001")]
    [InlineData("bk-seed-001")]
    [InlineData("Bk-Seed-001")]
    public async Task Get_WhenTheIdIsASeededId_ShouldResolveItInAnyCase(string requested)
    {
        var (userId, token) = await CreateUserAsync("john@example.com");
        var eventId = await InsertBookingEventAsync();
        Assert.True(await SeedBookingAsync(userId, eventId, "BK-SEED-001"));

        var response = await SendAsync(HttpMethod.Get, BookingPath(requested), token);

        var data = await AssertSuccessAsync(response, HttpStatusCode.OK);
        Assert.Equal("BK-SEED-001", data.GetProperty("bookingId").GetString());
        Assert.Equal(eventId, data.GetProperty("eventId").GetInt32());
        Assert.Equal("confirmed", data.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Get_WhenNoTokenIsSent_ShouldAnswer401()
    {
        var (userId, _) = await CreateUserAsync("john@example.com");
        var eventId = await InsertBookingEventAsync();
        Assert.True(await SeedBookingAsync(userId, eventId, "BK-T-001"));

        var response = await SendAsync(HttpMethod.Get, BookingPath("BK-T-001"));

        await AssertErrorAsync(response, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }
}
