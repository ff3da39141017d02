using System.Net.WebSockets;
using System.Text.Json;
using EventBooking.WebApi.Http;
using Microsoft.Extensions.Options;

namespace EventBooking.WebApi.Realtime;

/// <summary>
/// Contract section 6 on one socket: accepts it (within <see cref="RealtimeQuotas"/>), reads the client's
/// messages (<c>ping</c>, <c>get_stats</c>, <c>subscribe_event</c>, <c>unsubscribe_event</c>) and answers
/// each. Who follows what is kept by <see cref="RealtimeSubscriptions"/>.
/// </summary>
internal sealed partial class RealtimeProtocol(
    RealtimeSubscriptions subscriptions,
    RealtimeQuotas quotas,
    IOptions<RealtimeOptions> options,
    IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
    TimeProvider clock,
    IHostApplicationLifetime lifetime,
    ILogger<RealtimeProtocol> logger)
{
    /// <summary>Accepts the socket of an authenticated user and serves it until it closes.</summary>
    public async Task HandleAsync(HttpContext context, int userId, int? eventId)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await ErrorResponses.WriteAsync(context, clock, StatusCodes.Status400BadRequest, ErrorCodes.Validation, "A WebSocket upgrade request is required");
            return;
        }

        if (!quotas.TryOpenConnection(userId))
        {
            await ErrorResponses.WriteAsync(
                context, clock, StatusCodes.Status429TooManyRequests, ErrorCodes.RateLimited, "Too many open real-time connections for this user");
            return;
        }

        try
        {
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            var client = new RealtimeClient(userId, socket, options.Value.SendQueueCapacity);
            subscriptions.Add(client);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
            var sender = client.RunSenderAsync(stop.Token);
            try
            {
                Send(client, RealtimeMessages.ConnectionEstablished(client.Id, eventId, Now));
                if (eventId is { } id)
                {
                    Subscribe(client, id);
                }

                await ReceiveAsync(client, stop.Token);
            }
            finally
            {
                subscriptions.Remove(client);
                LogClosed(logger, client.Id, client.UserId);
                client.CompleteOutbox();
                await sender;
            }
        }
        finally
        {
            quotas.CloseConnection(userId);
        }
    }

    private async Task ReceiveAsync(RealtimeClient client, CancellationToken cancellationToken)
    {
        var buffer = new byte[options.Value.MaxMessageBytes];
        try
        {
            while (client.Socket.State == WebSocketState.Open)
            {
                var length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    if (length == buffer.Length)
                    {
                        await client.Socket.CloseAsync(WebSocketCloseStatus.MessageTooBig, "Message too big", cancellationToken);
                        return;
                    }

                    result = await client.Socket.ReceiveAsync(buffer.AsMemory(length), cancellationToken);
                    length += result.Count;
                }
                while (!result.EndOfMessage);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await client.Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "Bye", cancellationToken);
                    return;
                }

                Handle(client, result.MessageType == WebSocketMessageType.Text ? buffer.AsSpan(0, length) : []);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away or the app is stopping: nothing to answer.
        }
    }

    private void Handle(RealtimeClient client, ReadOnlySpan<byte> text)
    {
        string? type;
        int? eventId;
        try
        {
            using var message = JsonDocument.Parse(text.ToArray());
            var root = message.RootElement;
            type = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String
                ? t.GetString()
                : null;
            eventId = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("eventId", out var e)
                      && e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out var id) && id > 0
                ? id
                : null;
        }
        catch (JsonException)
        {
            Send(client, RealtimeMessages.Error("Invalid message format", Now));
            return;
        }

        switch (type)
        {
            case "ping":
                Send(client, RealtimeMessages.Pong(Now));
                break;
            case "get_stats":
                Send(client, RealtimeMessages.Stats(subscriptions.ClientCount, subscriptions.SubscribedEventCount, Now));
                break;
            case "subscribe_event" or "unsubscribe_event" when eventId is null:
                Send(client, RealtimeMessages.Error("eventId must be a positive integer", Now));
                break;
            case "subscribe_event":
                Subscribe(client, eventId!.Value);
                break;
            case "unsubscribe_event":
                Unsubscribe(client, eventId!.Value);
                break;
            default:
                Send(client, RealtimeMessages.Error("Unknown message type", Now));
                break;
        }
    }

    private void Subscribe(RealtimeClient client, int eventId)
    {
        // Only this socket's own loop changes its subscriptions, so the count cannot move under the check.
        if (!quotas.AllowsSubscription(client.Subscriptions, eventId))
        {
            Send(client, RealtimeMessages.Error($"At most {quotas.MaxSubscriptionsPerConnection} subscriptions per connection", Now));
            return;
        }

        subscriptions.Subscribe(client, eventId);
        Send(client, RealtimeMessages.Subscribed(eventId, Now));
    }

    private void Unsubscribe(RealtimeClient client, int eventId)
    {
        subscriptions.Unsubscribe(client, eventId);
        Send(client, RealtimeMessages.Unsubscribed(eventId, Now));
    }

    private void Send(RealtimeClient client, object message) => client.TrySend(Serialize(message));

    private ReadOnlyMemory<byte> Serialize(object message) => JsonSerializer.SerializeToUtf8Bytes(message, json.Value.SerializerOptions);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Real-time client {ClientId} of user {UserId} closed")]
    private static partial void LogClosed(ILogger logger, string clientId, int userId);
}
