using System.Globalization;
using System.Net;
using EventBooking.WebApi.IntegrationTests.Support;

namespace EventBooking.WebApi.IntegrationTests.Organisers;

public sealed class EventStatsTests(DatabaseFixture database) : OrganiserTest(database)
{
    [Fact]
    public async Task GetStats_AsTheCreator_ShouldMatchTheHandComputedFixture()
    {
        var (organiser, token) = await CreateUserAsync("organiser@example.com");
        var eventId = await InsertEventAsync(organiser, capacity: 8);
        var buyers = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            buyers.Add((await CreateUserAsync($"b{i}@example.com")).Id);
        }

        // Today: 2 bookings (one cancelled later); 3 days ago: 2; 40 days ago: 1 (outside the 30-day window).
        await BookAsync(buyers[0], eventId, "BK-S-1", TimeSpan.FromMinutes(1));
        await CancelAsync(await BookAsync(buyers[1], eventId, "BK-S-2", TimeSpan.FromMinutes(2)));
        await BookAsync(buyers[2], eventId, "BK-S-3", TimeSpan.FromDays(3));
        await BookAsync(buyers[3], eventId, "BK-S-4", TimeSpan.FromDays(3));
        await BookAsync(buyers[4], eventId, "BK-S-5", TimeSpan.FromDays(40));

        var stats = await AssertSuccessAsync(await SendAsync(HttpMethod.Get, $"/api/events/{eventId}/stats", token), HttpStatusCode.OK);

        // confirmed 4, cancelled 1, available 8 - 4 = 4, occupancy 4/8 = 50 %, cancellation 1/5 = 0.2.
        Assert.Equal(8, stats.GetProperty("seatCapacity").GetInt32());
        Assert.Equal(4, stats.GetProperty("confirmed").GetInt32());
        Assert.Equal(1, stats.GetProperty("cancelled").GetInt32());
        Assert.Equal(4, stats.GetProperty("available").GetInt32());
        Assert.Equal(50m, stats.GetProperty("occupancyPercent").GetDecimal());
        Assert.Equal(20m, stats.GetProperty("cancellationPercent").GetDecimal());
        Assert.Equal(0.2m, stats.GetProperty("cancellationRate").GetDecimal());
        var days = stats.GetProperty("bookingsPerDay").EnumerateArray().ToList();
        Assert.Equal(30, days.Count);
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var threeDaysAgo = DateTime.UtcNow.AddDays(-3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.Equal(today, days[^1].GetProperty("date").GetString());
        Assert.Equal(2, days[^1].GetProperty("count").GetInt32());
        Assert.Equal(2, days.Single(d => d.GetProperty("date").GetString() == threeDaysAgo).GetProperty("count").GetInt32());
        Assert.Equal(4, days.Sum(d => d.GetProperty("count").GetInt32()));
    }

    [Fact]
    public async Task GetStats_AsAnAdmin_ShouldBeAllowed()
    {
        var (organiser, _) = await CreateUserAsync("organiser@example.com");
        var (_, admin) = await CreateUserAsync("admin@example.com", role: "admin");
        var eventId = await InsertEventAsync(organiser, capacity: 10);

        var stats = await AssertSuccessAsync(await SendAsync(HttpMethod.Get, $"/api/events/{eventId}/stats", admin), HttpStatusCode.OK);

        Assert.Equal(0m, stats.GetProperty("occupancyPercent").GetDecimal());
        Assert.Equal(0m, stats.GetProperty("cancellationPercent").GetDecimal());
        Assert.Equal(0m, stats.GetProperty("cancellationRate").GetDecimal());
    }

    [Fact]
    public async Task GetStats_AsAStranger_ShouldBeForbidden()
    {
        var (organiser, _) = await CreateUserAsync("organiser@example.com");
        var (_, stranger) = await CreateUserAsync("stranger@example.com");
        var eventId = await InsertEventAsync(organiser, capacity: 10);

        var error = await AssertErrorAsync(await SendAsync(HttpMethod.Get, $"/api/events/{eventId}/stats", stranger), HttpStatusCode.Forbidden, "FORBIDDEN");

        Assert.Equal("You don't have permission to view statistics for this event", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task GetStats_WithoutATokenOrForAnUnknownEvent_ShouldAnswer401And404()
    {
        var (_, admin) = await CreateUserAsync("admin@example.com", role: "admin");

        await AssertErrorAsync(await SendAsync(HttpMethod.Get, "/api/events/1/stats"), HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await AssertErrorAsync(await SendAsync(HttpMethod.Get, "/api/events/999999/stats", admin), HttpStatusCode.NotFound, "NOT_FOUND");
    }
}
