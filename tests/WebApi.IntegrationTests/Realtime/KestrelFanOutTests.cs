using System.Net;
using System.Net.WebSockets;
using EventBooking.TestSupport;
using EventBooking.WebApi.IntegrationTests.Support;

namespace EventBooking.WebApi.IntegrationTests.Realtime;

/// <summary>
/// Seat counts to more watchers than one fan-out chunk (256 sockets; docs/adr/0022), end to end over Kestrel's sockets:
/// the other realtime tests run on the in-memory server, whose sockets have no transport to send through.
/// </summary>
public sealed class KestrelFanOutTests(DatabaseFixture database) : ApiTest(database)
{
    private const int Watchers = 600;
    private const int Seats = 12;

    /// <summary>Hundreds of sockets on a test machine: more patience than one socket's default.</summary>
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task BookingsWatchedByMoreSocketsThanAFanOutChunk_ShouldReachEveryWatcherInOrderUpToTheSellOut()
    {
        await using var factory = new EventBookingApiFactory(Database, new Dictionary<string, string?>
        {
            ["Realtime:MaxConnectionsPerUser"] = Watchers.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        factory.UseKestrel(0);
        factory.StartServer();
        using var client = factory.CreateClient();
        await RealtimeSocket.WaitForListenerAsync(factory);
        var eventId = await ScalarAsync<int>(
            "INSERT INTO events (name, event_date, seat_capacity, available_seats) VALUES ('Kestrel', timezone('utc', now()) + interval '7 days', $1, $1) RETURNING id",
            Seats);
        var (_, watcherToken) = await CreateUserAsync("watcher@example.com");
        var uri = new Uri($"ws://127.0.0.1:{client.BaseAddress!.Port}/ws/events/{eventId}?token={watcherToken}");
        var sockets = new List<RealtimeSocket>();
        foreach (var batch in Enumerable.Range(0, Watchers).Chunk(100)) // within Kestrel's listen backlog
        {
            sockets.AddRange(await Task.WhenAll(batch.Select(async _ =>
            {
                var client = new ClientWebSocket();
                await client.ConnectAsync(uri, CancellationToken.None);
                var socket = new RealtimeSocket(client);
                await socket.ReceiveTypeAsync("connection_established", Wait);
                await socket.ReceiveTypeAsync("subscribed", Wait);
                return socket;
            })));
        }

        try
        {
            var buyers = await Task.WhenAll(Enumerable.Range(1, Seats).Select(i => CreateUserAsync($"buyer{i}@example.com")));
            var answers = await Task.WhenAll(buyers.Select(buyer => client.SendAsync(Request(HttpMethod.Post, "/api/bookings", buyer.Token, new { eventId }))));
            Assert.All(answers, answer => Assert.Equal(HttpStatusCode.Created, answer.StatusCode));

            // Every watcher: counts only ever falling, ending at the sell-out (which is never held back).
            var seen = await Task.WhenAll(sockets.Select(async socket =>
            {
                var counts = new List<int>();
                do
                {
                    var message = await socket.ReceiveAsync(Wait);
                    Assert.Equal(eventId, message.GetProperty("eventId").GetInt32());
                    counts.Add(message.GetProperty("availableSeats").GetInt32());
                }
                while (counts[^1] != 0);

                return counts;
            }));
            Assert.All(seen, counts => Assert.Equal(counts.OrderDescending().Distinct(), counts));
        }
        finally
        {
            await Task.WhenAll(sockets.Select(socket => socket.DisposeAsync().AsTask()));
        }
    }
}
