using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;
using EventBooking.Application.Realtime;
using EventBooking.WebApi.Http;
using Microsoft.Extensions.Options;

namespace EventBooking.WebApi.Realtime;

/// <summary>
/// This instance's sockets and what they follow. Seat changes arrive from the PostgreSQL listener
/// (<see cref="ISeatChangeDelivery"/>), from whichever instance made them, and go to every socket
/// subscribed to that event. Closing a socket, or dropping it, removes all its subscriptions.
/// </summary>
internal sealed partial class RealtimeHub(
    IOptions<RealtimeOptions> options,
    IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
    TimeProvider clock,
    IHostApplicationLifetime lifetime,
    ILogger<RealtimeHub> logger) : ISeatChangeDelivery
{
    private readonly ConcurrentDictionary<string, RealtimeClient> _clients = new();
    private readonly ConcurrentDictionary<int, ConcurrentDictionary<string, RealtimeClient>> _subscribers = new();
    private readonly ConcurrentDictionary<int, int> _connectionsPerUser = new();
    private readonly Lock _userSlots = new();

    // Subscribing and unsubscribing change two maps together; one lock keeps them consistent (a client
    // subscribing while the last one leaves must not lose its set). Delivery reads without it.
    private readonly Lock _subscriptionChanges = new();

    public int ClientCount => _clients.Count;

    public int SubscribedEventCount => _subscribers.Count(s => !s.Value.IsEmpty);

    public void Deliver(SeatChange change)
    {
        if (!_subscribers.TryGetValue(change.EventId, out var subscribers) || subscribers.IsEmpty)
        {
            return;
        }

        var message = Serialize(RealtimeMessages.SeatChange(change, Now));
        foreach (var client in subscribers.Values)
        {
            client.TrySend(message);
        }
    }

    /// <summary>Accepts the socket of an authenticated user and serves it until it closes.</summary>
    public async Task HandleAsync(HttpContext context, int userId, int? eventId)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await ErrorResponses.WriteAsync(context, clock, StatusCodes.Status400BadRequest, ErrorCodes.Validation, "A WebSocket upgrade request is required");
            return;
        }

        if (!TryTakeUserSlot(userId))
        {
            await ErrorResponses.WriteAsync(
                context, clock, StatusCodes.Status429TooManyRequests, ErrorCodes.RateLimited, "Too many open real-time connections for this user");
            return;
        }

        try
        {
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            var client = new RealtimeClient(userId, socket, options.Value.SendQueueCapacity);
            _clients[client.Id] = client;
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
                Remove(client);
                client.CompleteOutbox();
                await sender;
            }
        }
        finally
        {
            ReleaseUserSlot(userId);
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
                Send(client, RealtimeMessages.Stats(ClientCount, SubscribedEventCount, Now));
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
        lock (_subscriptionChanges)
        {
            if (!client.Subscriptions.Contains(eventId) && client.Subscriptions.Count >= options.Value.MaxSubscriptionsPerConnection)
            {
                Send(client, RealtimeMessages.Error($"At most {options.Value.MaxSubscriptionsPerConnection} subscriptions per connection", Now));
                return;
            }

            client.Subscriptions.Add(eventId);
            _subscribers.GetOrAdd(eventId, _ => new ConcurrentDictionary<string, RealtimeClient>())[client.Id] = client;
        }

        Send(client, RealtimeMessages.Subscribed(eventId, Now));
    }

    private void Unsubscribe(RealtimeClient client, int eventId)
    {
        lock (_subscriptionChanges)
        {
            client.Subscriptions.Remove(eventId);
            RemoveSubscriber(eventId, client.Id);
        }

        Send(client, RealtimeMessages.Unsubscribed(eventId, Now));
    }

    private void Remove(RealtimeClient client)
    {
        _clients.TryRemove(client.Id, out _);
        lock (_subscriptionChanges)
        {
            foreach (var eventId in client.Subscriptions)
            {
                RemoveSubscriber(eventId, client.Id);
            }

            client.Subscriptions.Clear();
        }

        LogClosed(logger, client.Id, client.UserId);
    }

    private void RemoveSubscriber(int eventId, string clientId)
    {
        if (_subscribers.TryGetValue(eventId, out var subscribers))
        {
            subscribers.TryRemove(clientId, out _);
            if (subscribers.IsEmpty)
            {
                // Safe under _subscriptionChanges: nobody can add to this set meanwhile.
                _subscribers.TryRemove(eventId, out _);
            }
        }
    }

    private bool TryTakeUserSlot(int userId)
    {
        lock (_userSlots)
        {
            var open = _connectionsPerUser.GetValueOrDefault(userId);
            if (open >= options.Value.MaxConnectionsPerUser)
            {
                return false;
            }

            _connectionsPerUser[userId] = open + 1;
            return true;
        }
    }

    private void ReleaseUserSlot(int userId)
    {
        lock (_userSlots)
        {
            var open = _connectionsPerUser.GetValueOrDefault(userId) - 1;
            if (open <= 0)
            {
                _connectionsPerUser.TryRemove(userId, out _);
            }
            else
            {
                _connectionsPerUser[userId] = open;
            }
        }
    }

    private void Send(RealtimeClient client, object message) => client.TrySend(Serialize(message));

    private ReadOnlyMemory<byte> Serialize(object message) => JsonSerializer.SerializeToUtf8Bytes(message, json.Value.SerializerOptions);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Real-time client {ClientId} of user {UserId} closed")]
    private static partial void LogClosed(ILogger logger, string clientId, int userId);
}
