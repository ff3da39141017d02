using System.Collections.Concurrent;
using System.Text.Json;
using EventBooking.Application.Common.Telemetry;
using EventBooking.Application.Realtime;
using Microsoft.Extensions.Options;

namespace EventBooking.WebApi.Realtime;

/// <summary>
/// This instance's sockets and the events they follow. Seat changes arrive from the PostgreSQL listener
/// (<see cref="ISeatChangeDelivery"/>), from whichever instance made them, and are queued to every socket
/// subscribed to that event without waiting on any. Removing a socket removes all its subscriptions.
/// </summary>
internal sealed class RealtimeSubscriptions(
    IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, TimeProvider clock, EventBookingMetrics metrics) : ISeatChangeDelivery
{
    private readonly ConcurrentDictionary<string, RealtimeClient> _clients = new();
    private readonly ConcurrentDictionary<int, ConcurrentDictionary<string, RealtimeClient>> _subscribers = new();

    // Subscribing and unsubscribing change two maps together; one lock keeps them consistent (a client
    // subscribing while the last one leaves must not lose its set). Delivery reads without it.
    private readonly Lock _subscriptionChanges = new();

    public int ClientCount => _clients.Count;

    public int SubscribedEventCount => _subscribers.Count(s => !s.Value.IsEmpty);

    public void Deliver(SeatChange change)
    {
        if (change.Type == SeatChange.WaitlistOffer)
        {
            DeliverOffer(change);
            return;
        }

        if (!_subscribers.TryGetValue(change.EventId, out var subscribers) || subscribers.IsEmpty)
        {
            return;
        }

        var now = clock.GetUtcNow();
        var message = JsonSerializer.SerializeToUtf8Bytes(RealtimeMessages.SeatChange(change, now.UtcDateTime), json.Value.SerializerOptions);
        var sent = 0;
        var dropped = 0;
        foreach (var client in subscribers.Values)
        {
            _ = client.TrySend(message) ? sent++ : dropped++;
        }

        metrics.WebSocketMessages(sent, dropped);
        if (change.NotifiedAtMs is { } notifiedAt)
        {
            metrics.NotificationLag(now - DateTimeOffset.FromUnixTimeMilliseconds(0).AddMilliseconds(notifiedAt));
        }
    }

    /// <summary>An offer goes to every open socket of the offered user on this instance, whatever it follows.</summary>
    private void DeliverOffer(SeatChange change)
    {
        byte[]? message = null;
        foreach (var client in _clients.Values)
        {
            if (client.UserId == change.UserId)
            {
                message ??= JsonSerializer.SerializeToUtf8Bytes(
                    RealtimeMessages.WaitlistOffer(change, clock.GetUtcNow().UtcDateTime), json.Value.SerializerOptions);
                var sent = client.TrySend(message);
                metrics.WebSocketMessages(sent ? 1 : 0, sent ? 0 : 1);
            }
        }
    }

    /// <summary>Every event someone here follows: after missed changes each gets its current seats.</summary>
    public IReadOnlyCollection<int> Resumed() => [.. _subscribers.Where(s => !s.Value.IsEmpty).Select(s => s.Key)];

    public void Add(RealtimeClient client)
    {
        _clients[client.Id] = client;
        metrics.WebSocketConnections(1);
    }

    public void Subscribe(RealtimeClient client, int eventId)
    {
        lock (_subscriptionChanges)
        {
            if (client.Subscriptions.Add(eventId))
            {
                metrics.WebSocketSubscriptions(1);
            }

            _subscribers.GetOrAdd(eventId, _ => new ConcurrentDictionary<string, RealtimeClient>())[client.Id] = client;
        }
    }

    public void Unsubscribe(RealtimeClient client, int eventId)
    {
        lock (_subscriptionChanges)
        {
            if (client.Subscriptions.Remove(eventId))
            {
                metrics.WebSocketSubscriptions(-1);
            }

            RemoveSubscriber(eventId, client.Id);
        }
    }

    public void Remove(RealtimeClient client)
    {
        if (_clients.TryRemove(client.Id, out _))
        {
            metrics.WebSocketConnections(-1);
        }

        lock (_subscriptionChanges)
        {
            metrics.WebSocketSubscriptions(-client.Subscriptions.Count);
            foreach (var eventId in client.Subscriptions)
            {
                RemoveSubscriber(eventId, client.Id);
            }

            client.Subscriptions.Clear();
        }
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
}
