using System.Net;
using EventBooking.Application.Realtime;
using EventBooking.WebApi.Caching;
using EventBooking.WebApi.IntegrationTests.Support;
using EventBooking.WebApi.Realtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EventBooking.WebApi.IntegrationTests.Realtime;

/// <summary>
/// The seat-change listener hands every change to each registered observer: the WebSocket subscriptions and the
/// read cache register on their own, so removing one leaves the other working.
/// </summary>
public sealed class SeatChangeObserverTests(DatabaseFixture database) : ApiTest(database)
{
    private static readonly Dictionary<string, string?> CacheOn = new() { ["Caching:EventReadSeconds"] = "30" };

    protected override EventBookingApiFactory CreateFactory() => new(Database, CacheOn);

    [Fact]
    public void TheListener_ShouldHaveTheSubscriptionsAndTheCacheAsSeparateObservers()
    {
        var observers = Factory.Services.GetServices<ISeatChangeDelivery>().Select(o => o.GetType()).ToHashSet();

        Assert.Equal([typeof(RealtimeSubscriptions), typeof(EventReadCacheObserver)], observers);
    }

    [Fact]
    public async Task WithoutTheCacheObserver_ABookingShouldStillReachWatchers()
    {
        await using var factory = OnlyObserver<RealtimeSubscriptions>();
        await RealtimeSocket.WaitForListenerAsync(factory);
        using var client = factory.CreateClient();
        var eventId = await InsertEventAsync();
        var (_, buyer) = await CreateUserAsync("buyer@example.com");
        await using var socket = await RealtimeSocket.ConnectAsync(factory, $"/ws/events/{eventId}?token={buyer}");
        await socket.ReceiveTypeAsync("connection_established");
        await socket.ReceiveTypeAsync("subscribed");

        await AssertSuccessAsync(await client.SendAsync(Request(HttpMethod.Post, "/api/bookings", buyer, new { eventId })), HttpStatusCode.Created);

        Assert.Equal(9, (await socket.ReceiveTypeAsync("booking_created")).GetProperty("availableSeats").GetInt32());
    }

    [Fact]
    public async Task WithoutTheSubscriptions_ASeatChangeFromElsewhereShouldStillEmptyTheCache()
    {
        await using var factory = OnlyObserver<EventReadCacheObserver>();
        await RealtimeSocket.WaitForListenerAsync(factory);
        using var client = factory.CreateClient();
        var eventId = await InsertEventAsync();
        var buyer = (await CreateUserAsync("buyer@example.com")).Id;
        await client.GetAsync(new Uri($"/api/events/{eventId}", UriKind.Relative));

        // Another instance's booking: only the NOTIFY reaches this one.
        Assert.True(await ScalarAsync<bool>("SELECT create_booking($1, $2, 'BK-ELSEWHERE-1')", buyer, eventId));

        var deadline = DateTime.UtcNow.AddSeconds(5);
        int seats;
        do
        {
            await Task.Delay(20);
            var data = await AssertSuccessAsync(await client.GetAsync(new Uri($"/api/events/{eventId}", UriKind.Relative)), HttpStatusCode.OK);
            seats = data.GetProperty("availableSeats").GetInt32();
        }
        while (seats != 9 && DateTime.UtcNow < deadline);

        Assert.Equal(9, seats);
    }

    /// <summary>This test's API with only <typeparamref name="T"/> registered as a seat-change observer.</summary>
    private EventBookingApiFactory OnlyObserver<T>()
        where T : class, ISeatChangeDelivery =>
        new(Database, CacheOn, services =>
        {
            services.RemoveAll<ISeatChangeDelivery>();
            services.AddSingleton<ISeatChangeDelivery>(sp => sp.GetRequiredService<T>());
        });

    private Task<int> InsertEventAsync() =>
        ScalarAsync<int>(
            """
            INSERT INTO events (name, event_date, seat_capacity, available_seats)
            VALUES ('Watched', timezone('utc', now()) + interval '7 days', 10, 10) RETURNING id
            """);
}
