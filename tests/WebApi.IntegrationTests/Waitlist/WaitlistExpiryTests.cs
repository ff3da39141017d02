using System.Net;
using EventBooking.WebApi.IntegrationTests.Support;

namespace EventBooking.WebApi.IntegrationTests.Waitlist;

/// <summary>Offers that run out: judged expired on read at once, and passed on by the worker (offers of 1 s here).</summary>
public sealed class WaitlistExpiryTests(DatabaseFixture database) : WaitlistTestBase(database)
{
    protected override EventBookingApiFactory CreateFactory() => new(Database, new Dictionary<string, string?>
    {
        ["Waitlist:OfferSeconds"] = "1",
        ["Waitlist:ExpiryCheckSeconds"] = "0.2",
    });

    [Fact]
    public async Task AnExpiredOffer_ShouldPassTheSeatToTheNextInLine()
    {
        var (eventId, holders, queue) = await SoldOutWithQueueAsync(capacity: 1, waiting: 2);
        await CancelAsync(holders[0].BookingId, holders[0].Token);
        Assert.Equal("offered", (await MineAsync(eventId, queue[0].Token)).GetProperty("status").GetString());

        var deadline = DateTime.UtcNow.AddSeconds(10);
        string? next;
        while ((next = (await MineAsync(eventId, queue[1].Token)).GetProperty("status").GetString()) != "offered" && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Equal("offered", next);
        var first = await MineAsync(eventId, queue[0].Token);
        Assert.Equal("expired", first.GetProperty("status").GetString());
        Assert.Contains("expired", first.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("action").GetString()));
        await AssertErrorAsync(
            await SendAsync(HttpMethod.Post, $"/api/events/{eventId}/waitlist/accept", queue[0].Token), HttpStatusCode.Conflict, "BOOKING_CONFLICT");
        await AssertSeatsBalanceAsync(eventId);
    }
}
