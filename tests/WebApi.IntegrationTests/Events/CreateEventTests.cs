using System.Net;
using System.Text.Json;
using EventBooking.WebApi.IntegrationTests.Support;
using static EventBooking.WebApi.IntegrationTests.Support.ApiAssertions;

namespace EventBooking.WebApi.IntegrationTests.Events;

/// <summary>Contract §4: POST /api/events (admin), with a JSON body (ours) or multipart/form-data (the old clients').</summary>
public sealed class CreateEventTests(DatabaseFixture database) : EventApiTest(database)
{
    [Fact]
    public async Task Create_WhenAdminSendsJson_ShouldAnswer201WithTheStoredEvent()
    {
        var (adminId, adminToken) = await CreateUserAsync("admin@example.com", "admin", "Ada Admin");
        var before = DateTime.UtcNow.AddSeconds(-1);

        var response = await SendAsync(HttpMethod.Post, Events, adminToken, new
        {
            name = "  Summer Concert  ",
            description = "Open air",
            eventDate = Wire(FutureDate),
            seatCapacity = 150,
        });

        var data = await AssertSuccessAsync(response, HttpStatusCode.Created);
        AssertEventShape(data);
        var id = await ScalarAsync<int>("SELECT id FROM events");
        Assert.Equal(id, data.GetProperty("id").GetInt32());
        Assert.Equal("Summer Concert", data.GetProperty("name").GetString());
        Assert.Equal("Open air", data.GetProperty("description").GetString());
        Assert.Equal(JsonValueKind.Null, data.GetProperty("imageUrl").ValueKind);
        Assert.Equal(Wire(FutureDate), data.GetProperty("eventDate").GetString());
        Assert.Equal(150, data.GetProperty("seatCapacity").GetInt32());
        Assert.Equal(150, data.GetProperty("availableSeats").GetInt32());
        Assert.Equal(adminId, data.GetProperty("createdBy").GetInt32());
        Assert.InRange(ParseWire(data.GetProperty("createdAt")), before, DateTime.UtcNow.AddSeconds(1));
        AssertCreator(data, adminId, "Ada Admin", "admin@example.com");

        Assert.Equal("Summer Concert", await ScalarAsync<string>("SELECT name FROM events WHERE id = $1", id));
        Assert.Equal(150, await ScalarAsync<int>("SELECT available_seats FROM events WHERE id = $1", id));
        Assert.Equal(adminId, await ScalarAsync<int>("SELECT created_by FROM events WHERE id = $1", id));
        Assert.Equal(FutureDate, await TimestampAsync("SELECT event_date FROM events WHERE id = $1", id));
    }

    [Fact]
    public async Task Create_WhenJsonCarriesIdAvailableSeatsOrCreatedBy_ShouldIgnoreThem()
    {
        var (adminId, adminToken) = await CreateUserAsync("admin@example.com", "admin");
        var (otherId, _) = await CreateUserAsync("other@example.com");

        var response = await SendAsync(HttpMethod.Post, Events, adminToken, new
        {
            id = 999,
            name = "Concert",
            eventDate = Wire(FutureDate),
            seatCapacity = 50,
            availableSeats = 3,
            createdBy = otherId,
        });

        var data = await AssertSuccessAsync(response, HttpStatusCode.Created);
        Assert.NotEqual(999, data.GetProperty("id").GetInt32());
        Assert.Equal(50, data.GetProperty("availableSeats").GetInt32());
        Assert.Equal(adminId, data.GetProperty("createdBy").GetInt32());
        Assert.Equal(JsonValueKind.Null, data.GetProperty("description").ValueKind);
        Assert.Equal(0, await ScalarAsync<long>("SELECT count(*) FROM events WHERE id = 999"));
        Assert.Equal(50, await ScalarAsync<int>("SELECT available_seats FROM events"));
        Assert.Equal(adminId, await ScalarAsync<int>("SELECT created_by FROM events"));
    }

    [Fact]
    public async Task Create_WhenAdminSendsMultipartForm_ShouldAnswer201WithTheStoredEvent()
    {
        var (adminId, adminToken) = await CreateUserAsync("admin@example.com", "admin", "Ada Admin");

        var response = await SendContentAsync(HttpMethod.Post, Events, Form(
            ("name", "  Jazz Night "), ("description", "Trio"), ("eventDate", Wire(FutureDate)), ("seatCapacity", "80")), adminToken);

        var data = await AssertSuccessAsync(response, HttpStatusCode.Created);
        AssertEventShape(data);
        Assert.Equal("Jazz Night", data.GetProperty("name").GetString());
        Assert.Equal("Trio", data.GetProperty("description").GetString());
        Assert.Equal(Wire(FutureDate), data.GetProperty("eventDate").GetString());
        Assert.Equal(80, data.GetProperty("seatCapacity").GetInt32());
        Assert.Equal(80, data.GetProperty("availableSeats").GetInt32());
        Assert.Equal(adminId, data.GetProperty("createdBy").GetInt32());
        Assert.Equal(JsonValueKind.Null, data.GetProperty("imageUrl").ValueKind);
        AssertCreator(data, adminId, "Ada Admin", "admin@example.com");
        Assert.Equal("Jazz Night", await ScalarAsync<string>("SELECT name FROM events"));
        Assert.Equal(80, await ScalarAsync<int>("SELECT seat_capacity FROM events"));
        Assert.Equal(0, await CountImagesAsync());
    }

    [Fact]
    public async Task Create_WhenFormHasNoDescription_ShouldStoreNullAndAnswerItAsNull()
    {
        var (_, adminToken) = await CreateUserAsync("admin@example.com", "admin");

        var response = await SendContentAsync(HttpMethod.Post, Events, Form(
            ("name", "Concert"), ("eventDate", Wire(FutureDate)), ("seatCapacity", "10")), adminToken);

        var data = await AssertSuccessAsync(response, HttpStatusCode.Created);
        Assert.Equal(JsonValueKind.Null, data.GetProperty("description").ValueKind);
        Assert.True(await ScalarAsync<bool>("SELECT description IS NULL FROM events"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Create_WhenEventDateCarriesAnOffset_ShouldStoreAndAnswerItInUtc(bool asForm)
    {
        var (_, adminToken) = await CreateUserAsync("admin@example.com", "admin");
        const string withOffset = "2031-05-01T20:30:00+02:00";

        var response = asForm
            ? await SendContentAsync(HttpMethod.Post, Events, Form(("name", "Concert"), ("eventDate", withOffset), ("seatCapacity", "10")), adminToken)
            : await SendAsync(HttpMethod.Post, Events, adminToken, new { name = "Concert", eventDate = withOffset, seatCapacity = 10 });

        var data = await AssertSuccessAsync(response, HttpStatusCode.Created);
        Assert.Equal("2031-05-01T18:30:00.000Z", data.GetProperty("eventDate").GetString());
        Assert.Equal(new DateTime(2031, 5, 1, 18, 30, 0, DateTimeKind.Utc), await TimestampAsync("SELECT event_date FROM events"));
    }

    [Theory]
    [InlineData(false, "2031-05-01T18:30:00")]
    [InlineData(false, "2031-05-01")]
    [InlineData(false, "next friday")]
    [InlineData(true, "2031-05-01T18:30:00")]
    [InlineData(true, "2031-05-01")]
    [InlineData(true, "next friday")]
    public async Task Create_WhenEventDateHasNoZoneOrIsNoDate_ShouldAnswer400NamingEventDateAndStoreNothing(bool asForm, string eventDate)
    {
        var (_, adminToken) = await CreateUserAsync("admin@example.com", "admin");

        var response = asForm
            ? await SendContentAsync(HttpMethod.Post, Events, Form(("name", "Concert"), ("eventDate", eventDate), ("seatCapacity", "10")), adminToken)
            : await SendAsync(HttpMethod.Post, Events, adminToken, new { name = "Concert", eventDate, seatCapacity = 10 });

        var error = await AssertErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Equal(["eventDate"], DetailFields(error));
        await AssertNoInternalsAsync(response);
        Assert.Equal(0, await CountEventsAsync());
    }

    [Theory]
    [InlineData("2031-05-01T18:30:00")]
    [InlineData("2031-05-01")]
    public async Task Create_WhenEventDateHasNoZone_ShouldSaySoInTheSameWordsForJsonAndAForm(string eventDate)
    {
        var (_, adminToken) = await CreateUserAsync("admin@example.com", "admin");

        var form = await AssertErrorAsync(
            await SendContentAsync(HttpMethod.Post, Events, Form(("name", "Concert"), ("eventDate", eventDate), ("seatCapacity", "10")), adminToken),
            HttpStatusCode.BadRequest,
            "VALIDATION_ERROR");
        var json = await AssertErrorAsync(
            await SendAsync(HttpMethod.Post, Events, adminToken, new { name = "Concert", eventDate, seatCapacity = 10 }),
            HttpStatusCode.BadRequest,
            "VALIDATION_ERROR");

        const string Expected = "Event date must be an ISO-8601 date and time with a time zone, e.g. 2026-12-01T10:00:00Z";
        Assert.Equal(Expected, form.GetProperty("message").GetString());
        Assert.Equal(Expected, json.GetProperty("message").GetString());
        Assert.Equal(Expected, json.GetProperty("details")[0].GetProperty("message").GetString());
        Assert.Equal(form.GetProperty("details").GetRawText(), json.GetProperty("details").GetRawText());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Create_WhenEventDateIsInThePast_ShouldAnswer400EventDateMustBeInTheFuture(bool asForm)
    {
        var (_, adminToken) = await CreateUserAsync("admin@example.com", "admin");
        var past = Wire(DateTime.UtcNow.AddMinutes(-5));

        var response = asForm
            ? await SendContentAsync(HttpMethod.Post, Events, Form(("name", "Concert"), ("eventDate", past), ("seatCapacity", "10")), adminToken)
            : await SendAsync(HttpMethod.Post, Events, adminToken, new { name = "Concert", eventDate = past, seatCapacity = 10 });

        var error = await AssertErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Equal("Event date must be in the future", error.GetProperty("message").GetString());
        Assert.Equal(0, await CountEventsAsync());
    }

    [Theory]
    [MemberData(nameof(InvalidJsonBodies))]
    public async Task Create_WhenAJsonFieldIsInvalid_ShouldAnswer400NamingThatFieldAndStoreNothing(string field, string body)
    {
        var (_, adminToken) = await CreateUserAsync("admin@example.com", "admin");

        var response = await SendTextAsync(HttpMethod.Post, Events, body, token: adminToken);

        var error = await AssertErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Equal([field], DetailFields(error));
        await AssertNoInternalsAsync(response);
        Assert.Equal(0, await CountEventsAsync());
    }

    public static TheoryData<string, string> InvalidJsonBodies()
    {
        var date = Wire(FutureDate);
        return new()
        {
            { "name", $$"""{"eventDate":"{{date}}","seatCapacity":10}""" },
            { "name", $$"""{"name":"","eventDate":"{{date}}","seatCapacity":10}""" },
            { "name", $$"""{"name":"   ","eventDate":"{{date}}","seatCapacity":10}""" },
            { "name", $$"""{"name":"{{new string('n', 256)}}","eventDate":"{{date}}","seatCapacity":10}""" },
            { "description", $$"""{"name":"Concert","description":"{{new string('d', 1001)}}","eventDate":"{{date}}","seatCapacity":10}""" },
            { "eventDate", """{"name":"Concert","seatCapacity":10}""" },
            { "seatCapacity", $$"""{"name":"Concert","eventDate":"{{date}}"}""" },
            { "seatCapacity", $$"""{"name":"Concert","eventDate":"{{date}}","seatCapacity":0}""" },
            { "seatCapacity", $$"""{"name":"Concert","eventDate":"{{date}}","seatCapacity":-5}""" },
            { "seatCapacity", $$"""{"name":"Concert","eventDate":"{{date}}","seatCapacity":10001}""" },
            { "seatCapacity", $$"""{"name":"Concert","eventDate":"{{date}}","seatCapacity":"abc"}""" },
            { "seatCapacity", $$"""{"name":"Concert","eventDate":"{{date}}","seatCapacity":12.5}""" },
            { "name", $$"""{"name":"Nul\u0000Byte","eventDate":"{{date}}","seatCapacity":10}""" },
            { "description", $$"""{"name":"Concert","description":"Nul\u0000Byte","eventDate":"{{date}}","seatCapacity":10}""" },
        };
    }

    [Theory]
    [MemberData(nameof(InvalidFormFields))]
    public async Task Create_WhenAFormFieldIsInvalid_ShouldAnswer400NamingThatFieldAndStoreNothing(string field, string value)
    {
        var (_, adminToken) = await CreateUserAsync("admin@example.com", "admin");
        var fields = ValidFormFields().Where(f => f.Name != field).Append((field, value)).ToArray();

        var response = await SendContentAsync(HttpMethod.Post, Events, Form(fields), adminToken);

        var error = await AssertErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Equal([field], DetailFields(error));
        await AssertNoInternalsAsync(response);
        Assert.Equal(0, await CountEventsAsync());
    }

    public static TheoryData<string, string> InvalidFormFields() => new()
    {
        { "name", "" },
        { "name", "   " },
        { "name", new string('n', 256) },
        { "description", new string('d', 1001) },
        { "seatCapacity", "0" },
        { "seatCapacity", "10001" },
        { "seatCapacity", "abc" },
        { "seatCapacity", "" },
        { "eventDate", "" },
        { "name", "Nul\0Byte" },
    };

    [Theory]
    [InlineData(1)]
    [InlineData(10000)]
    public async Task Create_WhenSeatCapacityIsAtItsLimits_ShouldAnswer201(int seatCapacity)
    {
        var (_, adminToken) = await CreateUserAsync("admin@example.com", "admin");

        var response = await SendAsync(HttpMethod.Post, Events, adminToken, new { name = "Concert", eventDate = Wire(FutureDate), seatCapacity });

        var data = await AssertSuccessAsync(response, HttpStatusCode.Created);
        Assert.Equal(seatCapacity, data.GetProperty("seatCapacity").GetInt32());
        Assert.Equal(seatCapacity, data.GetProperty("availableSeats").GetInt32());
        Assert.Equal(seatCapacity, await ScalarAsync<int>("SELECT available_seats FROM events"));
    }

    [Fact]
    public async Task Create_WhenNameIs255AndDescription1000Characters_ShouldAnswer201()
    {
        var (_, adminToken) = await CreateUserAsync("admin@example.com", "admin");
        var name = new string('n', 255);
        var description = new string('d', 1000);

        var response = await SendAsync(HttpMethod.Post, Events, adminToken, new { name, description, eventDate = Wire(FutureDate), seatCapacity = 10 });

        var data = await AssertSuccessAsync(response, HttpStatusCode.Created);
        Assert.Equal(name, data.GetProperty("name").GetString());
        Assert.Equal(description, await ScalarAsync<string>("SELECT description FROM events"));
    }

    [Fact]
    public async Task Create_WhenCallerIsARegularUser_ShouldAnswer403AdminAccessRequiredAndStoreNothing()
    {
        var (_, token) = await CreateUserAsync("bob@example.com");

        var response = await SendAsync(HttpMethod.Post, Events, token, new { name = "Concert", eventDate = Wire(FutureDate), seatCapacity = 10 });

        var error = await AssertErrorAsync(response, HttpStatusCode.Forbidden, "FORBIDDEN");
        Assert.Equal("Admin access required", error.GetProperty("message").GetString());
        Assert.Equal(0, await CountEventsAsync());
    }

    [Fact]
    public async Task Create_WhenCallerIsARegularUserSendingAForm_ShouldAnswer403AndStoreNothing()
    {
        var (_, token) = await CreateUserAsync("bob@example.com");

        var response = await SendContentAsync(HttpMethod.Post, Events, WithImage(Form(ValidFormFields()), TestImages.Png()), token);

        var error = await AssertErrorAsync(response, HttpStatusCode.Forbidden, "FORBIDDEN");
        Assert.Equal("Admin access required", error.GetProperty("message").GetString());
        Assert.Equal(0, await CountEventsAsync());
        Assert.Equal(0, await CountImagesAsync());
    }

    [Fact]
    public async Task Create_WhenTheTokenClaimsAdminButTheUserWasDemoted_ShouldAnswer403AndStoreNothing()
    {
        var (demotedId, _) = await CreateUserAsync("demoted@example.com", "user");
        var staleAdminToken = TestTokens.Create(demotedId, "admin", "demoted@example.com");

        var response = await SendAsync(HttpMethod.Post, Events, staleAdminToken, new { name = "Concert", eventDate = Wire(FutureDate), seatCapacity = 10 });

        var error = await AssertErrorAsync(response, HttpStatusCode.Forbidden, "FORBIDDEN");
        Assert.Equal("Admin access required", error.GetProperty("message").GetString());
        Assert.Equal(0, await CountEventsAsync());
    }

    [Fact]
    public async Task Create_WhenAnonymous_ShouldAnswer401AndStoreNothing()
    {
        var response = await SendAsync(HttpMethod.Post, Events, json: new { name = "Concert", eventDate = Wire(FutureDate), seatCapacity = 10 });

        await AssertErrorAsync(response, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        Assert.Equal(0, await CountEventsAsync());
    }

    [Fact]
    public async Task Create_WhenContentTypeIsTextPlain_ShouldAnswer415AndStoreNothing()
    {
        var (_, adminToken) = await CreateUserAsync("admin@example.com", "admin");

        var response = await SendTextAsync(
            HttpMethod.Post, Events, $$"""{"name":"Concert","eventDate":"{{Wire(FutureDate)}}","seatCapacity":10}""", "text/plain", adminToken);

        await AssertErrorAsync(response, HttpStatusCode.UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE");
        await AssertNoInternalsAsync(response);
        Assert.Equal(0, await CountEventsAsync());
    }

    [Theory]
    [InlineData("""{"name":"Concert",""")]
    [InlineData("not json")]
    public async Task Create_WhenJsonIsMalformed_ShouldAnswer400AndStoreNothing(string body)
    {
        var (_, adminToken) = await CreateUserAsync("admin@example.com", "admin");

        var response = await SendTextAsync(HttpMethod.Post, Events, body, token: adminToken);

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await AssertNoInternalsAsync(response);
        Assert.Equal(0, await CountEventsAsync());
    }

    [Fact]
    public async Task Create_WhenCreatedThenFetchedByAnotherUser_ShouldShowTheCreatorWithoutEmail()
    {
        var (adminId, adminToken) = await CreateUserAsync("admin@example.com", "admin", "Ada Admin");
        var (_, userToken) = await CreateUserAsync("bob@example.com");
        var created = await AssertSuccessAsync(
            await SendAsync(HttpMethod.Post, Events, adminToken, new { name = "Concert", eventDate = Wire(FutureDate), seatCapacity = 10 }),
            HttpStatusCode.Created);

        var fetched = await AssertSuccessAsync(
            await SendAsync(HttpMethod.Get, EventPath(created.GetProperty("id").GetInt32()), userToken), HttpStatusCode.OK);

        AssertEventShape(fetched);
        AssertCreator(fetched, adminId, "Ada Admin", email: null);
        Assert.Equal(created.GetProperty("createdAt").GetString(), fetched.GetProperty("createdAt").GetString());
    }
}
