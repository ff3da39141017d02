using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace EventBooking.LoadClient;

/// <summary>
/// A browser watching one event: connects to <c>/ws/events/{--event}</c> with a token for <c>--user</c>,
/// records every message (time since start, type, availableSeats) for <c>--seconds</c>, and reconnects
/// if the socket drops (counted). <c>--log FILE</c> also appends each message as a JSON line the moment it
/// arrives, so a script can wait for one. For build/chaos.sh: proves updates still arrive after a fault.
/// </summary>
internal static class WatchRun
{
    public static async Task<string> RunAsync(Options options)
    {
        var baseUrl = new Uri(options.Text("url"));
        var token = Tokens.Mint(Encoding.UTF8.GetBytes(options.Text("key")), options.Number("user"));
        var eventId = options.Number("event");
        var wsUri = Http.EventSocketUri(baseUrl, eventId, token);

        var messages = new List<Dictionary<string, object>>();
        var clock = Stopwatch.StartNew();
        var connects = 0;
        var drops = new List<string>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(options.Number("seconds")));
        var buffer = new byte[64 * 1024];
        using var invoker = new HttpMessageInvoker(Http.CreateHandler(1));
        await using var log = options.Has("log") ? new StreamWriter(options.Text("log"), append: true) { AutoFlush = true } : null;
        while (!stop.IsCancellationRequested)
        {
            using var socket = new ClientWebSocket();
            try
            {
                await socket.ConnectAsync(wsUri, invoker, stop.Token);
                connects++;
                while (socket.State == WebSocketState.Open)
                {
                    var text = await ReceiveTextAsync(socket, buffer, stop.Token);
                    if (text is null)
                    {
                        drops.Add(Stamp(clock, "closed by the server"));
                        break;
                    }

                    using var document = JsonDocument.Parse(text);
                    var root = document.RootElement;
                    var message = new Dictionary<string, object>(StringComparer.Ordinal)
                    {
                        ["t_ms"] = Http.Round(clock.Elapsed.TotalMilliseconds, 1),
                        ["type"] = root.TryGetProperty("type", out var type) ? type.GetString() ?? "" : "",
                    };
                    if (root.TryGetProperty("availableSeats", out var seats) && seats.ValueKind == JsonValueKind.Number)
                    {
                        message["availableSeats"] = seats.GetInt32();
                    }

                    messages.Add(message);
                    if (log is not null)
                    {
                        await log.WriteLineAsync(Http.ToJson(message));
                    }
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is WebSocketException or IOException or JsonException)
            {
                drops.Add(Stamp(clock, ex.GetType().Name + ": " + ex.Message));
                await Task.Delay(200, CancellationToken.None);
            }
        }

        return Http.ToJson(new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["mode"] = "watch",
            ["event"] = eventId,
            ["connects"] = connects,
            ["drops"] = drops,
            ["messages"] = messages,
        });
    }

    private static string Stamp(Stopwatch clock, string what) =>
        string.Create(CultureInfo.InvariantCulture, $"{clock.Elapsed.TotalMilliseconds:0} ms: {what}");

    /// <summary>One whole text message, or null when the server closed the socket.</summary>
    private static async Task<string?> ReceiveTextAsync(ClientWebSocket socket, byte[] buffer, CancellationToken cancellationToken)
    {
        using var text = new MemoryStream();
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            text.Write(buffer, 0, result.Count);
        }
        while (!result.EndOfMessage);

        return Encoding.UTF8.GetString(text.GetBuffer(), 0, (int)text.Length);
    }
}
