using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
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
        var sockets = await Task.WhenAll(Enumerable.Range(0, Watchers).Select(async _ =>
        {
            var socket = new ClientWebSocket();
            await socket.ConnectAsync(uri, CancellationToken.None);
            Assert.Equal("connection_established", (await ReceiveAsync(socket)).GetProperty("type").GetString());
            Assert.Equal("subscribed", (await ReceiveAsync(socket)).GetProperty("type").GetString());
            return socket;
        }));

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
                    var message = await ReceiveAsync(socket);
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
            foreach (var socket in sockets)
            {
                socket.Abort();
                socket.Dispose();
            }
        }
    }

    private static async Task<JsonElement> ReceiveAsync(ClientWebSocket socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var buffer = new byte[16 * 1024];
        var length = 0;
        ValueWebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer.AsMemory(length), timeout.Token);
            length += result.Count;
        }
        while (!result.EndOfMessage);

        Assert.Equal(WebSocketMessageType.Text, result.MessageType);
        using var document = JsonDocument.Parse(buffer.AsMemory(0, length));
        return document.RootElement.Clone();
    }
}
