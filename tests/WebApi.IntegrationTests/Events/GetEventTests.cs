using System.Net;
using System.Text.Json;
using EventBooking.WebApi.IntegrationTests.Support;
using static EventBooking.WebApi.IntegrationTests.Support.ApiAssertions;

namespace EventBooking.WebApi.IntegrationTests.Events;

/// <summary>Contract §4: GET /api/events/{id}, the Event payload for anyone.</summary>
public sealed class GetEventTests(DatabaseFixture database) : EventApiTest(database)
{
    [Fact]
    public async Task Get_WhenAnonymous_ShouldAnswer200WithTheEventAndTheCreatorWithoutEmail()
    {
        var (adminId, _) = await CreateUserAsync("admin@example.com", "admin", "Ada Admin");
        var id = await InsertEventAsync("Concert", FutureDate, 120, adminId, "Loud", availableSeats: 7);

        var response = await SendAsync(HttpMethod.Get, EventPath(id));

        var data = await AssertSuccessAsync(response, HttpStatusCode.OK);
        AssertEventShape(data);
        Assert.Equal(id, data.GetProperty("id").GetInt32());
        Assert.Equal("Concert", data.GetProperty("name").GetString());
        Assert.Equal("Loud", data.GetProperty("description").GetString());
        Assert.Equal(JsonValueKind.Null, data.GetProperty("imageUrl").ValueKind);
        Assert.Equal(Wire(FutureDate), data.GetProperty("eventDate").GetString());
        Assert.Equal(120, data.GetProperty("seatCapacity").GetInt32());
        Assert.Equal(7, data.GetProperty("availableSeats").GetInt32());
        Assert.Equal(adminId, data.GetProperty("createdBy").GetInt32());
        Assert.Equal("2026-01-02T03:04:05.678Z", data.GetProperty("createdAt").GetString());
        Assert.Equal("2026-01-02T03:04:05.678Z", data.GetProperty("updatedAt").GetString());
        AssertCreator(data, adminId, "Ada Admin", email: null);
    }

    [Fact]
    public async Task Get_WhenCallerIsARegularUser_ShouldLeaveTheCreatorsEmailOut()
    {
        var (adminId, _) = await CreateUserAsync("admin@example.com", "admin", "Ada Admin");
        var (_, userToken) = await CreateUserAsync("bob@example.com");
        var id = await InsertEventAsync(createdBy: adminId);

        var data = await AssertSuccessAsync(await SendAsync(HttpMethod.Get, EventPath(id), userToken), HttpStatusCode.OK);

        AssertCreator(data, adminId, "Ada Admin", email: null);
    }

    [Fact]
    public async Task Get_WhenCallerIsAdmin_ShouldShowTheCreatorsEmail()
    {
        var (creatorId, _) = await CreateUserAsync("creator@example.com", "admin", "Cora Creator");
        var (_, adminToken) = await CreateUserAsync("admin@example.com", "admin");
        var id = await InsertEventAsync(createdBy: creatorId);

        var data = await AssertSuccessAsync(await SendAsync(HttpMethod.Get, EventPath(id), adminToken), HttpStatusCode.OK);

        AssertCreator(data, creatorId, "Cora Creator", "creator@example.com");
    }

    [Fact]
    public async Task Get_WhenTheTokenClaimsAdminButTheUserIsNoLongerOne_ShouldLeaveTheCreatorsEmailOut()
    {
        // The role comes from the database on each request, not from the token.
        var (creatorId, _) = await CreateUserAsync("creator@example.com", "admin", "Cora Creator");
        var (demotedId, _) = await CreateUserAsync("demoted@example.com", "user");
        var staleAdminToken = TestTokens.Create(demotedId, "admin", "demoted@example.com");
        var id = await InsertEventAsync(createdBy: creatorId);

        var data = await AssertSuccessAsync(await SendAsync(HttpMethod.Get, EventPath(id), staleAdminToken), HttpStatusCode.OK);

        AssertCreator(data, creatorId, "Cora Creator", email: null);
    }

    [Fact]
    public async Task Get_WhenTheCreatorWasDeleted_ShouldLeaveCreatorOutAndAnswerCreatedByNull()
    {
        var (creatorId, _) = await CreateUserAsync("creator@example.com", "admin");
        var (_, adminToken) = await CreateUserAsync("admin@example.com", "admin");
        var id = await InsertEventAsync(createdBy: creatorId);
        await DeleteUserAsync(creatorId);

        foreach (var token in new[] { adminToken, null })
        {
            var data = await AssertSuccessAsync(await SendAsync(HttpMethod.Get, EventPath(id), token), HttpStatusCode.OK);

            AssertEventShape(data, expectCreator: false);
            Assert.Equal(JsonValueKind.Null, data.GetProperty("createdBy").ValueKind);
        }

        Assert.True(await ScalarAsync<bool>("SELECT created_by IS NULL FROM events WHERE id = $1", id));
    }

    [Fact]
    public async Task Get_WhenTheEventDoesNotExist_ShouldAnswer404EventNotFound()
    {
        var response = await SendAsync(HttpMethod.Get, EventPath(424242));

        var error = await AssertErrorAsync(response, HttpStatusCode.NotFound, "NOT_FOUND");
        Assert.Equal("Event not found", error.GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1.5")]
    [InlineData("99999999999")]
    public async Task Get_WhenTheIdIsNotAnInteger_ShouldAnswer400(string id)
    {
        var response = await SendAsync(HttpMethod.Get, $"{Events}/{id}");

        var error = await AssertErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Equal(["id"], DetailFields(error));
        await AssertNoInternalsAsync(response);
    }
}
