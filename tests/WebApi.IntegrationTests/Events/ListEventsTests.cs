using System.Net;
using System.Text.Json;
using EventBooking.WebApi.IntegrationTests.Support;
using static EventBooking.WebApi.IntegrationTests.Support.ApiAssertions;

namespace EventBooking.WebApi.IntegrationTests.Events;

/// <summary>Contract §4: GET /api/events, <c>{events, total, hasMore}</c> by event date, then id.</summary>
public sealed class ListEventsTests(DatabaseFixture database) : EventApiTest(database)
{
    private static List<int> Ids(JsonElement data) =>
        data.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("id").GetInt32()).ToList();

    private async Task<JsonElement> ListAsync(string query = "", string? token = null) =>
        await AssertSuccessAsync(await SendAsync(HttpMethod.Get, $"{Events}{query}", token), HttpStatusCode.OK);

    [Fact]
    public async Task List_WhenAnonymous_ShouldAnswer200WithEventsTotalAndHasMore()
    {
        var (adminId, _) = await CreateUserAsync("admin@example.com", "admin", "Ada Admin");
        var id = await InsertEventAsync("Concert", createdBy: adminId, description: "Loud");

        var response = await SendAsync(HttpMethod.Get, Events);

        var data = await AssertSuccessAsync(response, HttpStatusCode.OK);
        Assert.Equal(["events", "hasMore", "total"], data.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(1, data.GetProperty("total").GetInt32());
        Assert.False(data.GetProperty("hasMore").GetBoolean());
        var e = Assert.Single(data.GetProperty("events").EnumerateArray());
        AssertEventShape(e);
        Assert.Equal(id, e.GetProperty("id").GetInt32());
        Assert.Equal("Concert", e.GetProperty("name").GetString());
        Assert.Equal("Loud", e.GetProperty("description").GetString());
        Assert.Equal(Wire(FutureDate), e.GetProperty("eventDate").GetString());
        Assert.Equal("2026-01-02T03:04:05.678Z", e.GetProperty("updatedAt").GetString());
        AssertCreator(e, adminId, "Ada Admin", email: null);
    }

    [Fact]
    public async Task List_WhenThereAreNoEvents_ShouldAnswerAnEmptyPage()
    {
        var data = await ListAsync();

        Assert.Empty(data.GetProperty("events").EnumerateArray());
        Assert.Equal(0, data.GetProperty("total").GetInt32());
        Assert.False(data.GetProperty("hasMore").GetBoolean());
    }

    [Fact]
    public async Task List_WhenEventsShareADate_ShouldOrderByEventDateThenId()
    {
        var late = await InsertEventAsync("Late", FutureDate.AddDays(2));
        var sameDateFirst = await InsertEventAsync("Same A", FutureDate);
        var early = await InsertEventAsync("Early", FutureDate.AddDays(-1));
        var sameDateSecond = await InsertEventAsync("Same B", FutureDate);

        var data = await ListAsync();

        Assert.Equal([early, sameDateFirst, sameDateSecond, late], Ids(data));
    }

    [Fact]
    public async Task List_WhenLimitAndOffsetAreGiven_ShouldAnswerThatPageWithTotalAndHasMore()
    {
        var ids = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await InsertEventAsync($"Event {i}", FutureDate.AddDays(i)));
        }

        var first = await ListAsync("?limit=2");
        var middle = await ListAsync("?limit=2&offset=2");
        var last = await ListAsync("?limit=2&offset=4");
        var exact = await ListAsync("?limit=5");
        var beyond = await ListAsync("?limit=2&offset=10");

        Assert.Equal(ids[..2], Ids(first));
        Assert.True(first.GetProperty("hasMore").GetBoolean());
        Assert.Equal(ids[2..4], Ids(middle));
        Assert.True(middle.GetProperty("hasMore").GetBoolean());
        Assert.Equal(ids[4..], Ids(last));
        Assert.False(last.GetProperty("hasMore").GetBoolean());
        Assert.Equal(ids, Ids(exact));
        Assert.False(exact.GetProperty("hasMore").GetBoolean());
        Assert.Empty(Ids(beyond));
        Assert.False(beyond.GetProperty("hasMore").GetBoolean());
        foreach (var page in new[] { first, middle, last, exact, beyond })
        {
            Assert.Equal(5, page.GetProperty("total").GetInt32());
        }
    }

    [Fact]
    public async Task List_WhenNoLimitIsGiven_ShouldAnswerAtMost50()
    {
        for (var i = 0; i < 51; i++)
        {
            await InsertEventAsync($"Event {i}", FutureDate.AddMinutes(i));
        }

        var data = await ListAsync();

        Assert.Equal(50, Ids(data).Count);
        Assert.Equal(51, data.GetProperty("total").GetInt32());
        Assert.True(data.GetProperty("hasMore").GetBoolean());
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=101", "limit")]
    [InlineData("offset=-1", "offset")]
    [InlineData("limit=abc", "limit")]
    [InlineData("upcoming=maybe", "upcoming")]
    public async Task List_WhenAQueryParameterIsOutOfRange_ShouldAnswer400NamingIt(string query, string field)
    {
        var response = await SendAsync(HttpMethod.Get, $"{Events}?{query}");

        var error = await AssertErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Equal([field], DetailFields(error));
        await AssertNoInternalsAsync(response);
    }

    [Fact]
    public async Task List_WhenLimitIs100_ShouldAnswer200()
    {
        await InsertEventAsync();

        var data = await ListAsync("?limit=100");

        Assert.Single(Ids(data));
    }

    [Fact]
    public async Task List_WhenUpcomingIsTrue_ShouldLeaveOutPastEvents()
    {
        var past = await InsertEventAsync("Past", DateTime.UtcNow.AddDays(-1));
        var future = await InsertEventAsync("Future", FutureDate);

        var upcoming = await ListAsync("?upcoming=true");
        var all = await ListAsync("?upcoming=false");

        Assert.Equal([future], Ids(upcoming));
        Assert.Equal(1, upcoming.GetProperty("total").GetInt32());
        Assert.Equal([past, future], Ids(all));
    }

    [Fact]
    public async Task List_WhenAvailableIsTrue_ShouldLeaveOutSoldOutEvents()
    {
        var soldOut = await InsertEventAsync("Sold out", FutureDate, seatCapacity: 10, availableSeats: 0);
        var open = await InsertEventAsync("Open", FutureDate.AddDays(1), seatCapacity: 10, availableSeats: 1);

        var available = await ListAsync("?available=true");
        var all = await ListAsync();

        Assert.Equal([open], Ids(available));
        Assert.Equal(1, available.GetProperty("total").GetInt32());
        Assert.Equal([soldOut, open], Ids(all));
    }

    [Theory]
    [InlineData("rock")]
    [InlineData("ROCK")]
    [InlineData("RoCk")]
    public async Task List_WhenSearching_ShouldMatchNameAndDescriptionIgnoringCase(string search)
    {
        var byName = await InsertEventAsync("Rock Night", FutureDate);
        var byDescription = await InsertEventAsync("Evening", FutureDate.AddDays(1), description: "Classic rock covers");
        await InsertEventAsync("Jazz", FutureDate.AddDays(2), description: "Smooth");

        var data = await ListAsync($"?search={search}");

        Assert.Equal([byName, byDescription], Ids(data));
        Assert.Equal(2, data.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task List_WhenSearchContainsPercentOrUnderscore_ShouldMatchThemLiterally()
    {
        var percent = await InsertEventAsync("100% fun", FutureDate);
        await InsertEventAsync("1000 people", FutureDate.AddDays(1));
        var underscore = await InsertEventAsync("snake_case meetup", FutureDate.AddDays(2));
        await InsertEventAsync("snakeXcase", FutureDate.AddDays(3));

        var byPercent = await ListAsync("?search=100%25");
        var byUnderscoreMiss = await ListAsync("?search=1_0");
        var byUnderscore = await ListAsync("?search=e_c");
        var byLonePercent = await ListAsync("?search=%25");
        var byBackslash = await ListAsync("?search=%5C");

        Assert.Equal([percent], Ids(byPercent));
        Assert.Empty(Ids(byUnderscoreMiss));
        Assert.Equal([underscore], Ids(byUnderscore));
        Assert.Equal([percent], Ids(byLonePercent));
        Assert.Empty(Ids(byBackslash));
    }

    [Fact]
    public async Task List_WhenFiltersAreCombined_ShouldApplyAllOfThemToEventsAndTotal()
    {
        await InsertEventAsync("Rock past", DateTime.UtcNow.AddDays(-1));
        await InsertEventAsync("Rock sold out", FutureDate, seatCapacity: 5, availableSeats: 0);
        var match = await InsertEventAsync("Rock open", FutureDate.AddDays(1));
        await InsertEventAsync("Jazz open", FutureDate.AddDays(2));

        var data = await ListAsync("?upcoming=true&available=true&search=rock");

        Assert.Equal([match], Ids(data));
        Assert.Equal(1, data.GetProperty("total").GetInt32());
        Assert.False(data.GetProperty("hasMore").GetBoolean());
    }

    [Fact]
    public async Task List_WhenSearchIs101Characters_ShouldAnswer400NamingSearch()
    {
        var response = await SendAsync(HttpMethod.Get, $"{Events}?search={new string('s', 101)}");

        var error = await AssertErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Equal(["search"], DetailFields(error));
    }

    [Fact]
    public async Task List_WhenSearchContainsANulCharacter_ShouldAnswerNoMatchOr400ButNever500()
    {
        await InsertEventAsync();

        var response = await SendAsync(HttpMethod.Get, $"{Events}?search=a%00b");

        await AssertNoInternalsAsync(response);
        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Fact]
    public async Task List_WhenSearchIs100Characters_ShouldAnswer200()
    {
        await InsertEventAsync();

        var data = await ListAsync($"?search={new string('s', 100)}");

        Assert.Empty(Ids(data));
    }

    [Fact]
    public async Task List_WhenCallerIsAdmin_ShouldShowTheCreatorsEmail()
    {
        var (adminId, adminToken) = await CreateUserAsync("admin@example.com", "admin", "Ada Admin");
        await InsertEventAsync(createdBy: adminId);

        var data = await ListAsync(token: adminToken);

        AssertCreator(data.GetProperty("events")[0], adminId, "Ada Admin", "admin@example.com");
    }

    [Fact]
    public async Task List_WhenCallerIsARegularUser_ShouldShowTheCreatorWithoutEmail()
    {
        var (adminId, _) = await CreateUserAsync("admin@example.com", "admin", "Ada Admin");
        var (_, userToken) = await CreateUserAsync("bob@example.com");
        await InsertEventAsync(createdBy: adminId);

        var data = await ListAsync(token: userToken);

        AssertCreator(data.GetProperty("events")[0], adminId, "Ada Admin", email: null);
    }

    [Fact]
    public async Task List_WhenTheCreatorWasDeleted_ShouldLeaveCreatorOutAndAnswerCreatedByNull()
    {
        var (_, adminToken) = await CreateUserAsync("admin@example.com", "admin");
        var (goneId, _) = await CreateUserAsync("gone@example.com", "admin");
        var id = await InsertEventAsync(createdBy: goneId);
        await DeleteUserAsync(goneId);

        var data = await ListAsync(token: adminToken);

        var e = Assert.Single(data.GetProperty("events").EnumerateArray());
        AssertEventShape(e, expectCreator: false);
        Assert.Equal(id, e.GetProperty("id").GetInt32());
        Assert.Equal(JsonValueKind.Null, e.GetProperty("createdBy").ValueKind);
    }

    [Fact]
    public async Task List_WhenDescriptionAndImageAreMissing_ShouldAnswerThemAsNull()
    {
        await InsertEventAsync(description: null);

        var e = (await ListAsync()).GetProperty("events")[0];

        Assert.Equal(JsonValueKind.Null, e.GetProperty("description").ValueKind);
        Assert.Equal(JsonValueKind.Null, e.GetProperty("imageUrl").ValueKind);
    }
}
