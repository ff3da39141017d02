using System.Globalization;
using System.Net;
using System.Text.Json;
using EventBooking.WebApi.IntegrationTests.Support;
using static EventBooking.WebApi.IntegrationTests.Support.ApiAssertions;

namespace EventBooking.WebApi.IntegrationTests.Events;

/// <summary>
/// Contract §4: PUT /api/events/{id} by the creator or an admin. Every field is optional, a missing or
/// empty one means "no change"; a capacity change is judged against the confirmed bookings.
/// </summary>
public sealed class UpdateEventTests(DatabaseFixture database) : EventApiTest(database)
{
    private static readonly DateTime OldUpdatedAt = new(2026, 1, 2, 3, 4, 5, 678, DateTimeKind.Utc);

    private async Task<(string Name, string? Description, DateTime EventDate, int SeatCapacity, int AvailableSeats, DateTime UpdatedAt)> RowAsync(int id)
    {
        await using var command = Database.DataSource.CreateCommand(
            "SELECT name, description, event_date, seat_capacity, available_seats, updated_at FROM events WHERE id = $1");
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = id });
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"Event {id} is gone");
        return (
            reader.GetString(0),
            reader.IsDBNull(1) ? null : reader.GetString(1),
            DateTime.SpecifyKind(reader.GetDateTime(2), DateTimeKind.Utc),
            reader.GetInt32(3),
            reader.GetInt32(4),
            DateTime.SpecifyKind(reader.GetDateTime(5), DateTimeKind.Utc));
    }

    /// <summary>Confirmed bookings by <paramref name="count"/> fresh users, through the stored function.</summary>
    private async Task BookSeatsAsync(int eventId, int count, string prefix = "BK-T")
    {
        for (var i = 1; i <= count; i++)
        {
            var (userId, _) = await CreateUserAsync($"{prefix.ToLowerInvariant()}-{i}@example.com");
            Assert.True(await BookAsync(userId, eventId, $"{prefix}-{i}"));
        }
    }

    private async Task AssertUnchangedAsync(int id, string name = "Concert", int seatCapacity = 100, int? availableSeats = null)
    {
        var row = await RowAsync(id);
        Assert.Equal(name, row.Name);
        Assert.Equal("Original", row.Description);
        Assert.Equal(FutureDate, row.EventDate);
        Assert.Equal(seatCapacity, row.SeatCapacity);
        Assert.Equal(availableSeats ?? seatCapacity, row.AvailableSeats);
    }

    [Fact]
    public async Task Update_WhenTheCreatingAdminSendsEveryFieldAsJson_ShouldAnswer200AndStoreThem()
    {
        var (adminId, adminToken) = await CreateUserAsync("admin@example.com", "admin", "Ada Admin");
        var id = await InsertEventAsync("Concert", FutureDate, 100, adminId, "Original");
        var newDate = FutureDate.AddDays(10);

        var response = await SendAsync(HttpMethod.Put, EventPath(id), adminToken, new
        {
            name = "  Renamed  ",
            description = "Changed",
            eventDate = newDate.AddHours(2).ToString("yyyy-MM-dd'T'HH:mm:ss'+02:00'", CultureInfo.InvariantCulture),
            seatCapacity = 250,
        });

        var data = await AssertSuccessAsync(response, HttpStatusCode.OK);
        AssertEventShape(data);
        Assert.Equal(id, data.GetProperty("id").GetInt32());
        Assert.Equal("Renamed", data.GetProperty("name").GetString());
        Assert.Equal("Changed", data.GetProperty("description").GetString());
        Assert.Equal(Wire(newDate), data.GetProperty("eventDate").GetString());
        Assert.Equal(250, data.GetProperty("seatCapacity").GetInt32());
        Assert.Equal(250, data.GetProperty("availableSeats").GetInt32());
        Assert.Equal(adminId, data.GetProperty("createdBy").GetInt32());
        Assert.Equal("2026-01-02T03:04:05.678Z", data.GetProperty("createdAt").GetString());
        AssertCreator(data, adminId, "Ada Admin", "admin@example.com");

        var row = await RowAsync(id);
        Assert.Equal(("Renamed", "Changed", newDate, 250, 250), (row.Name, row.Description, row.EventDate, row.SeatCapacity, row.AvailableSeats));
        Assert.True(row.UpdatedAt > OldUpdatedAt, $"updated_at did not move: {row.UpdatedAt:O}");
        Assert.Equal(Wire(row.UpdatedAt), data.GetProperty("updatedAt").GetString());
        Assert.True(ParseWire(data.GetProperty("updatedAt")) > OldUpdatedAt);
    }

    [Fact]
    public async Task Update_WhenAnAdminWhoIsNotTheCreatorUpdates_ShouldAnswer200()
    {
        var (creatorId, _) = await CreateUserAsync("creator@example.com", "admin");
        var (_, adminToken) = await CreateUserAsync("admin@example.com", "admin");
        var id = await InsertEventAsync("Concert", createdBy: creatorId, description: "Original");

        var response = await SendAsync(HttpMethod.Put, EventPath(id), adminToken, new { name = "By another admin" });

        var data = await AssertSuccessAsync(response, HttpStatusCode.OK);
        Assert.Equal("By another admin", data.GetProperty("name").GetString());
        Assert.Equal(creatorId, data.GetProperty("createdBy").GetInt32());
        Assert.Equal("By another admin", (await RowAsync(id)).Name);
    }

    [Fact]
    public async Task Update_WhenTheCreatorIsNoLongerAnAdmin_ShouldStillAllowTheCreator()
    {
        // Contract: "creator or admin". A creator demoted to user still owns the event.
        var (creatorId, creatorToken) = await CreateUserAsync("creator@example.com", "user");
        var id = await InsertEventAsync("Concert", createdBy: creatorId, description: "Original");

        var response = await SendAsync(HttpMethod.Put, EventPath(id), creatorToken, new { name = "By the creator" });

        var data = await AssertSuccessAsync(response, HttpStatusCode.OK);
        Assert.Equal("By the creator", data.GetProperty("name").GetString());
        AssertCreator(data, creatorId, "Test User", email: null);
    }

    [Fact]
    public async Task Update_WhenCallerIsARegularUserWhoDidNotCreateIt_ShouldAnswer403AndChangeNothing()
    {
        var (adminId, _) = await CreateUserAsync("admin@example.com", "admin");
        var (_, userToken) = await CreateUserAsync("bob@example.com");
        var id = await InsertEventAsync("Concert", createdBy: adminId, description: "Original");

        var response = await SendAsync(HttpMethod.Put, EventPath(id), userToken, new { name = "Hijacked", seatCapacity = 5 });

        var error = await AssertErrorAsync(response, HttpStatusCode.Forbidden, "FORBIDDEN");
        Assert.Equal("You don't have permission to update this event", error.GetProperty("message").GetString());
        await AssertUnchangedAsync(id);
        Assert.Equal(OldUpdatedAt, (await RowAsync(id)).UpdatedAt);
    }

    [Fact]
    public async Task Update_WhenCallerIsAnotherRegularUserSendingAForm_ShouldAnswer403AndChangeNothing()
    {
        var (creatorId, _) = await CreateUserAsync("creator@example.com", "user");
        var (_, otherToken) = await CreateUserAsync("other@example.com", "user");
        var id = await InsertEventAsync("Concert", createdBy: creatorId, description: "Original");

        var response = await SendContentAsync(HttpMethod.Put, EventPath(id), WithImage(Form(("name", "Hijacked")), TestImages.Png()), otherToken);

        var error = await AssertErrorAsync(response, HttpStatusCode.Forbidden, "FORBIDDEN");
        Assert.Equal("You don't have permission to update this event", error.GetProperty("message").GetString());
        await AssertUnchangedAsync(id);
        Assert.Equal(0, await CountImagesAsync());
    }

    [Fact]
    public async Task Update_WhenTheTokenClaimsAdminButTheUserWasDemoted_ShouldAnswer403AndChangeNothing()
    {
        var (adminId, _) = await CreateUserAsync("admin@example.com", "admin");
        var (demotedId, _) = await CreateUserAsync("demoted@example.com", "user");
        var staleAdminToken = TestTokens.Create(demotedId, "admin", "demoted@example.com");
        var id = await InsertEventAsync("Concert", createdBy: adminId, description: "Original");

        var response = await SendAsync(HttpMethod.Put, EventPath(id), staleAdminToken, new { name = "Hijacked" });

        var error = await AssertErrorAsync(response, HttpStatusCode.Forbidden, "FORBIDDEN");
        Assert.Equal("You don't have permission to update this event", error.GetProperty("message").GetString());
        await AssertUnchangedAsync(id);
    }

    [Fact]
    public async Task Update_WhenAnonymous_ShouldAnswer401AndChangeNothing()
    {
        var id = await InsertEventAsync("Concert", description: "Original");

        var response = await SendAsync(HttpMethod.Put, EventPath(id), json: new { name = "Anonymous" });

        await AssertErrorAsync(response, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await AssertUnchangedAsync(id);
    }

    [Fact]
    public async Task Update_WhenTheEventDoesNotExist_ShouldAnswer404EventNotFound()
    {
        var (_, adminToken) = await CreateUserAsync("admin@example.com", "admin");

        var response = await SendAsync(HttpMethod.Put, EventPath(424242), adminToken, new { name = "Ghost" });

        var error = await AssertErrorAsync(response, HttpStatusCode.NotFound, "NOT_FOUND");
        Assert.Equal("Event not found", error.GetProperty("message").GetString());
        Assert.Equal(0, await CountEventsAsync());
    }

    [Fact]
    public async Task Update_WhenTheIdIsNotAnInteger_ShouldAnswer400()
    {
        var (_, adminToken) = await CreateUserAsync("admin@example.com", "admin");

        var response = await SendAsync(HttpMethod.Put, $"{Events}/abc", adminToken, new { name = "x" });

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Fact]
    public async Task Update_WhenJsonCarriesOnlyTheName_ShouldChangeOnlyTheName()
    {
        var (adminId, adminToken) = await CreateUserAsync("admin@example.com", "admin");
        var id = await InsertEventAsync("Concert", createdBy: adminId, description: "Original", availableSeats: 90);

        var response = await SendAsync(HttpMethod.Put, EventPath(id), adminToken, new { name = "Only the name" });

        var data = await AssertSuccessAsync(response, HttpStatusCode.OK);
        Assert.Equal("Only the name", data.GetProperty("name").GetString());
        Assert.Equal("Original", data.GetProperty("description").GetString());
        Assert.Equal(Wire(FutureDate), data.GetProperty("eventDate").GetString());
        Assert.Equal(100, data.GetProperty("seatCapacity").GetInt32());
        Assert.Equal(90, data.GetProperty("availableSeats").GetInt32());
        await AssertUnchangedAsync(id, "Only the name", availableSeats: 90);
    }

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"name":"","description":"","eventDate":null,"seatCapacity":null}""")]
    [InlineData("""{"name":null,"description":null}""")]
    [InlineData("""{"removeDescription":false,"removeImage":false}""")]
    public async Task Update_WhenJsonFieldsAreMissingOrEmpty_ShouldChangeNothing(string body)
    {
        var (adminId, adminToken) = await CreateUserAsync("admin@example.com", "admin");
        var id = await InsertEventAsync("Concert", createdBy: adminId, description: "Original", availableSeats: 90);

        var response = await SendTextAsync(HttpMethod.Put, EventPath(id), body, token: adminToken);

        var data = await AssertSuccessAsync(response, HttpStatusCode.OK);
        Assert.Equal("Concert", data.GetProperty("name").GetString());
        Assert.Equal("Original", data.GetProperty("description").GetString());
        Assert.Equal(Wire(FutureDate), data.GetProperty("eventDate").GetString());
        Assert.Equal(100, data.GetProperty("seatCapacity").GetInt32());
        Assert.Equal(90, data.GetProperty("availableSeats").GetInt32());
        await AssertUnchangedAsync(id, availableSeats: 90);
    }

    [Theory]
    [InlineData("""{"removeDescription":true}""")]
    [InlineData("""{"RemoveDescription":true,"description":"","name":null}""")]
    public async Task Update_WhenJsonSaysRemoveDescription_ShouldRemoveItAndChangeNothingElse(string body)
    {
        var (adminId, adminToken) = await CreateUserAsync("admin@example.com", "admin");
        var id = await InsertEventAsync("Concert", createdBy: adminId, description: "Original");

        var data = await AssertSuccessAsync(await SendTextAsync(HttpMethod.Put, EventPath(id), body, token: adminToken), HttpStatusCode.OK);

        Assert.Equal(JsonValueKind.Null, data.GetProperty("description").ValueKind);
        Assert.Equal("Concert", data.GetProperty("name").GetString());
        Assert.Null(await ScalarAsync<object>("SELECT description FROM events WHERE id = $1", id) as string);
        Assert.Equal("Concert", await ScalarAsync<string>("SELECT name FROM events WHERE id = $1", id));
    }

    [Theory]
    [InlineData("true", null)]
    [InlineData("True", null)]
    [InlineData("false", "Original")]
    public async Task Update_WhenAFormSaysRemoveDescription_ShouldRemoveItOnlyWhenTrue(string flag, string? expected)
    {
        var (adminId, adminToken) = await CreateUserAsync("admin@example.com", "admin");
        var id = await InsertEventAsync("Concert", createdBy: adminId, description: "Original");

        var data = await AssertSuccessAsync(
            await SendContentAsync(HttpMethod.Put, EventPath(id), Form(("description", ""), ("removeDescription", flag)), adminToken),
            HttpStatusCode.OK);

        Assert.Equal(expected, data.GetProperty("description").GetString());
        Assert.Equal(expected, await ScalarAsync<object>("SELECT description FROM events WHERE id = $1", id) as string);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Update_WhenANewDescriptionComesWithRemoveDescription_ShouldAnswer400AndChangeNothing(bool asForm)
    {
        var (adminId, adminToken) = await CreateUserAsync("admin@example.com", "admin");
        var id = await InsertEventAsync("Concert", createdBy: adminId, description: "Original");

        var response = asForm
            ? await SendContentAsync(HttpMethod.Put, EventPath(id), Form(("description", "New"), ("removeDescription", "true")), adminToken)
            : await SendTextAsync(HttpMethod.Put, EventPath(id), """{"description":"New","removeDescription":true}""", token: adminToken);

        var error = await AssertErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Equal(["removeDescription"], DetailFields(error));
        Assert.Equal("Original", await ScalarAsync<string>("SELECT description FROM events WHERE id = $1", id));
    }

    [Fact]
    public async Task Update_WhenRemoveDescriptionIsNotABoolean_ShouldAnswer400AndChangeNothing()
    {
        var (adminId, adminToken) = await CreateUserAsync("admin@example.com", "admin");
        var id = await InsertEventAsync("Concert", createdBy: adminId, description: "Original");

        var error = await AssertErrorAsync(
            await SendContentAsync(HttpMethod.Put, EventPath(id), Form(("removeDescription", "yes please")), adminToken),
            HttpStatusCode.BadRequest,
            "VALIDATION_ERROR");

        Assert.Equal(["removeDescription"], DetailFields(error));
        Assert.Equal("Original", await ScalarAsync<string>("SELECT description FROM events WHERE id = $1", id));
    }

    [Fact]
    public async Task Update_WhenFormFieldsAreEmpty_ShouldChangeNothing()
    {
        var (adminId, adminToken) = await CreateUserAsync("admin@example.com", "admin");
        var id = await InsertEventAsync("Concert", createdBy: adminId, description: "Original");

        var response = await SendContentAsync(
            HttpMethod.Put, EventPath(id), Form(("name", ""), ("description", ""), ("eventDate", ""), ("seatCapacity", "")), adminToken);

        var data = await AssertSuccessAsync(response, HttpStatusCode.OK);
        Assert.Equal("Concert", data.GetProperty("name").GetString());
        Assert.Equal("Original", data.GetProperty("description").GetString());
        await AssertUnchangedAsync(id);
    }

    [Fact]
    public async Task Update_WhenFormCarriesOnlyDescriptionAndCapacity_ShouldChangeOnlyThose()
    {
        var (adminId, adminToken) = await CreateUserAsync("admin@example.com", "admin");
        var id = await InsertEventAsync("Concert", createdBy: adminId, description: "Original");

        var response = await SendContentAsync(HttpMethod.Put, EventPath(id), Form(("description", "New text"), ("seatCapacity", "40")), adminToken);

        var data = await AssertSuccessAsync(response, HttpStatusCode.OK);
        Assert.Equal("Concert", data.GetProperty("name").GetString());
        Assert.Equal("New text", data.GetProperty("description").GetString());
        Assert.Equal(Wire(FutureDate), data.GetProperty("eventDate").GetString());
        Assert.Equal(40, data.GetProperty("seatCapacity").GetInt32());
        Assert.Equal(40, data.GetProperty("availableSeats").GetInt32());
        var row = await RowAsync(id);
        Assert.Equal(("Concert", "New text", FutureDate, 40, 40), (row.Name, row.Description, row.EventDate, row.SeatCapacity, row.AvailableSeats));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Update_WhenNameIsBlank_ShouldAnswer400AndChangeNothing(bool asForm)
    {
        var (adminId, adminToken) = await CreateUserAsync("admin@example.com", "admin");
        var id = await InsertEventAsync("Concert", createdBy: adminId, description: "Original");

        var response = asForm
            ? await SendContentAsync(HttpMethod.Put, EventPath(id), Form(("name", "   ")), adminToken)
            : await SendAsync(HttpMethod.Put, EventPath(id), adminToken, new { name = "   " });

        var error = await AssertErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Equal(["name"], DetailFields(error));
        await AssertUnchangedAsync(id);
    }

    [Theory]
    [MemberData(nameof(InvalidJsonBodies))]
    public async Task Update_WhenAJsonFieldIsInvalid_ShouldAnswer400NamingThatFieldAndChangeNothing(string field, string body)
    {
        var (adminId, adminToken) = await CreateUserAsync("admin@example.com", "admin");
        var id = await InsertEventAsync("Concert", createdBy: adminId, description: "Original");

        var response = await SendTextAsync(HttpMethod.Put, EventPath(id), body, token: adminToken);

        var error = await AssertErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Equal([field], DetailFields(error));
        await AssertNoInternalsAsync(response);
        await AssertUnchangedAsync(id);
    }

    public static TheoryData<string, string> InvalidJsonBodies() => new()
    {
        { "name", $$"""{"name":"{{new string('n', 256)}}"}""" },
        { "description", $$"""{"description":"{{new string('d', 1001)}}"}""" },
        { "seatCapacity", """{"seatCapacity":0}""" },
        { "seatCapacity", """{"seatCapacity":10001}""" },
        { "seatCapacity", """{"seatCapacity":"abc"}""" },
        { "eventDate", """{"eventDate":"2031-05-01T18:30:00"}""" },
        { "name", """{"name":"Nul\u0000Byte"}""" },
        { "description", """{"description":"Nul\u0000Byte"}""" },
    };

    [Theory]
    [InlineData("seatCapacity", "abc")]
    [InlineData("seatCapacity", "0")]
    [InlineData("seatCapacity", "10001")]
    [InlineData("eventDate", "2031-05-01T18:30:00")]
    [InlineData("name", "   ")]
    public async Task Update_WhenAFormFieldIsInvalid_ShouldAnswer400NamingThatFieldAndChangeNothing(string field, string value)
    {
        var (adminId, adminToken) = await CreateUserAsync("admin@example.com", "admin");
        var id = await InsertEventAsync("Concert", createdBy: adminId, description: "Original");

        var response = await SendContentAsync(HttpMethod.Put, EventPath(id), Form((field, value)), adminToken);

        var error = await AssertErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Equal([field], DetailFields(error));
        await AssertUnchangedAsync(id);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Update_WhenTheNewDateIsInThePast_ShouldAnswer400AndChangeNothing(bool asForm)
    {
        var (adminId, adminToken) = await CreateUserAsync("admin@example.com", "admin");
        var id = await InsertEventAsync("Concert", createdBy: adminId, description: "Original");
        var past = Wire(DateTime.UtcNow.AddDays(-1));

        var response = asForm
            ? await SendContentAsync(HttpMethod.Put, EventPath(id), Form(("eventDate", past)), adminToken)
            : await SendAsync(HttpMethod.Put, EventPath(id), adminToken, new { eventDate = past });

        var error = await AssertErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Equal("Event date must be in the future", error.GetProperty("message").GetString());
        await AssertUnchangedAsync(id);
    }

    [Fact]
    public async Task Update_WhenTheEventHasAlreadyStarted_ShouldAnswer409ConflictAndChangeNothing()
    {
        var (adminId, adminToken) = await CreateUserAsync("admin@example.com", "admin");
        var now = DateTime.UtcNow;
        var started = new DateTime(now.Year, now.Month, now.Day, now.Hour, now.Minute, now.Second, DateTimeKind.Utc).AddHours(-1);
        var id = await InsertEventAsync("Concert", started, createdBy: adminId, description: "Original");

        var response = await SendAsync(HttpMethod.Put, EventPath(id), adminToken, new { name = "Too late", eventDate = Wire(FutureDate) });

        await AssertErrorAsync(response, HttpStatusCode.Conflict, "CONFLICT");
        var row = await RowAsync(id);
        Assert.Equal("Concert", row.Name);
        Assert.Equal(started, row.EventDate);
    }

    [Fact]
    public async Task Update_WhenCapacityFallsBelowTheConfirmedBookings_ShouldAnswer409AndChangeNothing()
    {
        var (adminId, adminToken) = await CreateUserAsync("admin@example.com", "admin");
        var id = await InsertEventAsync("Concert", seatCapacity: 10, createdBy: adminId, description: "Original");
        await BookSeatsAsync(id, 3);

        var response = await SendAsync(HttpMethod.Put, EventPath(id), adminToken, new { name = "Smaller", seatCapacity = 2 });

        await AssertErrorAsync(response, HttpStatusCode.Conflict, "CONFLICT");
        await AssertUnchangedAsync(id, seatCapacity: 10, availableSeats: 7);
    }

    [Theory]
    [InlineData(5, 2)]
    [InlineData(3, 0)]
    [InlineData(20, 17)]
    public async Task Update_WhenCapacityChangesWithConfirmedBookings_ShouldSetAvailableSeatsToCapacityMinusConfirmed(int capacity, int available)
    {
        var (adminId, adminToken) = await CreateUserAsync("admin@example.com", "admin");
        var id = await InsertEventAsync("Concert", seatCapacity: 10, createdBy: adminId, description: "Original");
        await BookSeatsAsync(id, 4);
        Assert.True(await CancelBookingAsync("BK-T-4")); // a cancelled booking does not hold a seat

        var response = await SendAsync(HttpMethod.Put, EventPath(id), adminToken, new { seatCapacity = capacity });

        var data = await AssertSuccessAsync(response, HttpStatusCode.OK);
        Assert.Equal(capacity, data.GetProperty("seatCapacity").GetInt32());
        Assert.Equal(available, data.GetProperty("availableSeats").GetInt32());
        var row = await RowAsync(id);
        Assert.Equal((capacity, available), (row.SeatCapacity, row.AvailableSeats));
        Assert.Equal(3, await ScalarAsync<long>("SELECT count(*) FROM bookings WHERE event_id = $1 AND status = 'confirmed'", id));
    }

    [Fact]
    public async Task Update_WhenTheContentTypeIsTextPlain_ShouldAnswer415AndChangeNothing()
    {
        var (adminId, adminToken) = await CreateUserAsync("admin@example.com", "admin");
        var id = await InsertEventAsync("Concert", createdBy: adminId, description: "Original");

        var response = await SendTextAsync(HttpMethod.Put, EventPath(id), """{"name":"Plain"}""", "text/plain", adminToken);

        await AssertErrorAsync(response, HttpStatusCode.UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE");
        await AssertUnchangedAsync(id);
    }

    [Fact]
    public async Task Update_WhenTheCreatorWasDeleted_ShouldStillLetAnAdminUpdateAndLeaveCreatorOut()
    {
        var (creatorId, _) = await CreateUserAsync("creator@example.com", "admin");
        var (_, adminToken) = await CreateUserAsync("admin@example.com", "admin");
        var id = await InsertEventAsync("Concert", createdBy: creatorId, description: "Original");
        await DeleteUserAsync(creatorId);

        var response = await SendAsync(HttpMethod.Put, EventPath(id), adminToken, new { name = "Orphan" });

        var data = await AssertSuccessAsync(response, HttpStatusCode.OK);
        AssertEventShape(data, expectCreator: false);
        Assert.Equal(JsonValueKind.Null, data.GetProperty("createdBy").ValueKind);
    }
}
