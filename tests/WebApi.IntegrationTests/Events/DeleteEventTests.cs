using System.Net;
using EventBooking.WebApi.IntegrationTests.Support;

namespace EventBooking.WebApi.IntegrationTests.Events;

/// <summary>
/// Contract §4: DELETE /api/events/{id} by the creator or an admin; refused while a confirmed booking
/// exists; cancelled bookings go with the event, their audit rows stay.
/// </summary>
public sealed class DeleteEventTests(DatabaseFixture database) : EventApiTest(database)
{
    private Task<long> CountEventAsync(int id) => ScalarAsync<long>("SELECT count(*) FROM events WHERE id = $1", id);

    [Fact]
    public async Task Delete_WhenTheCreatingAdminDeletes_ShouldAnswer200WithTheMessageEnvelopeAndRemoveTheEvent()
    {
        var (adminId, adminToken) = await CreateUserAsync("admin@example.com", "admin");
        var id = await InsertEventAsync(createdBy: adminId);
        var other = await InsertEventAsync("Other", createdBy: adminId);

        var response = await SendAsync(HttpMethod.Delete, EventPath(id), adminToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await ReadJsonAsync(response);
        Assert.Equal(["message", "success"], body.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.True(body.GetProperty("success").GetBoolean());
        Assert.Equal("Event deleted successfully", body.GetProperty("message").GetString());
        Assert.Equal(0, await CountEventAsync(id));
        Assert.Equal(1, await CountEventAsync(other));
        await AssertErrorAsync(await SendAsync(HttpMethod.Get, EventPath(id)), HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task Delete_WhenAnAdminWhoIsNotTheCreatorDeletes_ShouldAnswer200()
    {
        var (creatorId, _) = await CreateUserAsync("creator@example.com", "admin");
        var (_, adminToken) = await CreateUserAsync("admin@example.com", "admin");
        var id = await InsertEventAsync(createdBy: creatorId);

        var response = await SendAsync(HttpMethod.Delete, EventPath(id), adminToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, await CountEventsAsync());
    }

    [Fact]
    public async Task Delete_WhenTheCreatorIsNoLongerAnAdmin_ShouldStillAllowTheCreator()
    {
        var (creatorId, creatorToken) = await CreateUserAsync("creator@example.com", "user");
        var id = await InsertEventAsync(createdBy: creatorId);

        var response = await SendAsync(HttpMethod.Delete, EventPath(id), creatorToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, await CountEventsAsync());
    }

    [Fact]
    public async Task Delete_WhenAConfirmedBookingExists_ShouldAnswer409AndKeepTheEventAndTheBooking()
    {
        var (adminId, adminToken) = await CreateUserAsync("admin@example.com", "admin");
        var (userId, _) = await CreateUserAsync("bob@example.com");
        var id = await InsertEventAsync(createdBy: adminId);
        Assert.True(await BookAsync(userId, id, "BK-T-1"));

        var response = await SendAsync(HttpMethod.Delete, EventPath(id), adminToken);

        var error = await AssertErrorAsync(response, HttpStatusCode.Conflict, "CONFLICT");
        Assert.Equal("Cannot delete events with existing bookings", error.GetProperty("message").GetString());
        Assert.Equal(1, await CountEventAsync(id));
        Assert.Equal("confirmed", await ScalarAsync<string>("SELECT status FROM bookings WHERE booking_id = 'BK-T-1'"));
        Assert.Equal(99, await ScalarAsync<int>("SELECT available_seats FROM events WHERE id = $1", id));
    }

    [Fact]
    public async Task Delete_WhenOneOfSeveralBookingsIsStillConfirmed_ShouldAnswer409()
    {
        var (adminId, adminToken) = await CreateUserAsync("admin@example.com", "admin");
        var (bobId, _) = await CreateUserAsync("bob@example.com");
        var (carolId, _) = await CreateUserAsync("carol@example.com");
        var id = await InsertEventAsync(createdBy: adminId);
        Assert.True(await BookAsync(bobId, id, "BK-T-1"));
        Assert.True(await BookAsync(carolId, id, "BK-T-2"));
        Assert.True(await CancelBookingAsync("BK-T-1"));

        var response = await SendAsync(HttpMethod.Delete, EventPath(id), adminToken);

        await AssertErrorAsync(response, HttpStatusCode.Conflict, "CONFLICT");
        Assert.Equal(2, await ScalarAsync<long>("SELECT count(*) FROM bookings WHERE event_id = $1", id));
    }

    [Fact]
    public async Task Delete_WhenOnlyCancelledBookingsExist_ShouldAnswer200AndDeleteThemButKeepTheAuditRows()
    {
        var (adminId, adminToken) = await CreateUserAsync("admin@example.com", "admin");
        var (bobId, _) = await CreateUserAsync("bob@example.com");
        var (carolId, _) = await CreateUserAsync("carol@example.com");
        var id = await InsertEventAsync(createdBy: adminId);
        Assert.True(await BookAsync(bobId, id, "BK-T-1"));
        Assert.True(await BookAsync(carolId, id, "BK-T-2"));
        Assert.True(await CancelBookingAsync("BK-T-1"));
        Assert.True(await CancelBookingAsync("BK-T-2"));
        Assert.Equal(4, await ScalarAsync<long>("SELECT count(*) FROM booking_logs WHERE event_id = $1", id));

        var response = await SendAsync(HttpMethod.Delete, EventPath(id), adminToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Event deleted successfully", (await ReadJsonAsync(response)).GetProperty("message").GetString());
        Assert.Equal(0, await CountEventAsync(id));
        Assert.Equal(0, await ScalarAsync<long>("SELECT count(*) FROM bookings"));
        Assert.Equal(4, await ScalarAsync<long>("SELECT count(*) FROM booking_logs WHERE event_id = $1", id));
        Assert.Equal(2, await ScalarAsync<long>("SELECT count(*) FROM booking_logs WHERE event_id = $1 AND action = 'cancelled'", id));
    }

    [Fact]
    public async Task Delete_WhenCallerIsARegularUserWhoDidNotCreateIt_ShouldAnswer403AndKeepTheEvent()
    {
        var (adminId, _) = await CreateUserAsync("admin@example.com", "admin");
        var (_, userToken) = await CreateUserAsync("bob@example.com");
        var id = await InsertEventAsync(createdBy: adminId);

        var response = await SendAsync(HttpMethod.Delete, EventPath(id), userToken);

        var error = await AssertErrorAsync(response, HttpStatusCode.Forbidden, "FORBIDDEN");
        Assert.Equal("You don't have permission to delete this event", error.GetProperty("message").GetString());
        Assert.Equal(1, await CountEventAsync(id));
    }

    [Fact]
    public async Task Delete_WhenCallerIsAnotherNonAdminAndTheEventHasBookings_ShouldAnswer403NotRevealingThem()
    {
        var (creatorId, _) = await CreateUserAsync("creator@example.com", "user");
        var (_, otherToken) = await CreateUserAsync("other@example.com", "user");
        var id = await InsertEventAsync(createdBy: creatorId);
        Assert.True(await BookAsync(creatorId, id, "BK-T-1"));

        var response = await SendAsync(HttpMethod.Delete, EventPath(id), otherToken);

        var error = await AssertErrorAsync(response, HttpStatusCode.Forbidden, "FORBIDDEN");
        Assert.Equal("You don't have permission to delete this event", error.GetProperty("message").GetString());
        Assert.Equal(1, await CountEventAsync(id));
    }

    [Fact]
    public async Task Delete_WhenTheEventDoesNotExist_ShouldAnswer404EventNotFound()
    {
        var (_, adminToken) = await CreateUserAsync("admin@example.com", "admin");

        var response = await SendAsync(HttpMethod.Delete, EventPath(424242), adminToken);

        var error = await AssertErrorAsync(response, HttpStatusCode.NotFound, "NOT_FOUND");
        Assert.Equal("Event not found", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Delete_WhenAnonymous_ShouldAnswer401AndKeepTheEvent()
    {
        var id = await InsertEventAsync();

        var response = await SendAsync(HttpMethod.Delete, EventPath(id));

        await AssertErrorAsync(response, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        Assert.Equal(1, await CountEventAsync(id));
    }

    [Fact]
    public async Task Delete_WhenTheIdIsNotAnInteger_ShouldAnswer400()
    {
        var (_, adminToken) = await CreateUserAsync("admin@example.com", "admin");

        var response = await SendAsync(HttpMethod.Delete, $"{Events}/abc", adminToken);

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Fact]
    public async Task Delete_WhenDeletedTwice_ShouldAnswer404TheSecondTime()
    {
        var (adminId, adminToken) = await CreateUserAsync("admin@example.com", "admin");
        var id = await InsertEventAsync(createdBy: adminId);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Delete, EventPath(id), adminToken)).StatusCode);

        var response = await SendAsync(HttpMethod.Delete, EventPath(id), adminToken);

        await AssertErrorAsync(response, HttpStatusCode.NotFound, "NOT_FOUND");
    }
}
