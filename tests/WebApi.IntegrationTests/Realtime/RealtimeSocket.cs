using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using EventBooking.Infrastructure.Realtime;
using EventBooking.WebApi.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace EventBooking.WebApi.IntegrationTests.Realtime;

/// <summary>A test client socket of the in-memory API: send JSON, receive the next message with a deadline.</summary>
internal sealed class RealtimeSocket(WebSocket socket) : IAsyncDisposable
{
    public static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(5);

    public WebSocket Socket { get; } = socket;

    public static async Task<RealtimeSocket> ConnectAsync(EventBookingApiFactory factory, string pathAndQuery)
    {
        var client = factory.Server.CreateWebSocketClient();
        return new RealtimeSocket(await client.ConnectAsync(new Uri($"ws://localhost{pathAndQuery}"), CancellationToken.None));
    }

    /// <summary>Waits until the factory's seat-change listener is connected, so no NOTIFY is missed.</summary>
    public static async Task WaitForListenerAsync(EventBookingApiFactory factory)
    {
        var listener = factory.Services.GetRequiredService<PostgresSeatChangeListener>();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!listener.IsListening)
        {
            Assert.True(DateTime.UtcNow < deadline, "the seat-change listener did not connect within 15 s");
            await Task.Delay(20);
        }
    }

    public Task SendTextAsync(string text) =>
        Socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    public Task SendAsync(object message) => SendTextAsync(JsonSerializer.Serialize(message));

    public async Task<JsonElement> ReceiveAsync(TimeSpan? wait = null)
    {
        using var timeout = new CancellationTokenSource(wait ?? DefaultWait);
        var buffer = new byte[16 * 1024];
        var length = 0;
        ValueWebSocketReceiveResult result;
        do
        {
            result = await Socket.ReceiveAsync(buffer.AsMemory(length), timeout.Token);
            length += result.Count;
        }
        while (!result.EndOfMessage);

        Assert.Equal(WebSocketMessageType.Text, result.MessageType);
        using var document = JsonDocument.Parse(buffer.AsMemory(0, length));
        var message = document.RootElement.Clone();
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$", message.GetProperty("timestamp").GetString());
        return message;
    }

    /// <summary>Receives until a message of <paramref name="type"/> arrives; fails on any other seat broadcast in between.</summary>
    public async Task<JsonElement> ReceiveTypeAsync(string type, TimeSpan? wait = null)
    {
        var message = await ReceiveAsync(wait);
        Assert.Equal(type, message.GetProperty("type").GetString());
        return message;
    }

    public async ValueTask DisposeAsync()
    {
        if (Socket.State == WebSocketState.Open)
        {
            try
            {
                await Socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
            }
            catch (WebSocketException)
            {
                // Already gone.
            }
        }

        Socket.Dispose();
    }
}
