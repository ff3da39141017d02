using System.Collections.Concurrent;
using System.Text.Json;
using EventBooking.Application.Realtime;
using Microsoft.Extensions.Options;

namespace EventBooking.WebApi.Realtime;

/// <summary>
/// This instance's sockets and the events they follow. Seat changes arrive from the PostgreSQL listener
/// (<see cref="ISeatChangeDelivery"/>), from whichever instance made them, and are queued to every socket
/// subscribed to that event without waiting on any. Removing a socket removes all its subscriptions.
/// </summary>
internal sealed class RealtimeSubscriptions(
    IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, TimeProvider clock) : ISeatChangeDelivery
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

        var message = JsonSerializer.SerializeToUtf8Bytes(
            RealtimeMessages.SeatChange(change, clock.GetUtcNow().UtcDateTime), json.Value.SerializerOptions);
        foreach (var client in subscribers.Values)
        {
            client.TrySend(message);
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
                client.TrySend(message);
            }
        }
    }

    /// <summary>Every event someone here follows: after missed changes each gets its current seats.</summary>
    public IReadOnlyCollection<int> Resumed() => [.. _subscribers.Where(s => !s.Value.IsEmpty).Select(s => s.Key)];

    public void Add(RealtimeClient client) => _clients[client.Id] = client;

    public void Subscribe(RealtimeClient client, int eventId)
    {
        lock (_subscriptionChanges)
        {
            client.Subscriptions.Add(eventId);
            _subscribers.GetOrAdd(eventId, _ => new ConcurrentDictionary<string, RealtimeClient>())[client.Id] = client;
        }
    }

    public void Unsubscribe(RealtimeClient client, int eventId)
    {
        lock (_subscriptionChanges)
        {
            client.Subscriptions.Remove(eventId);
            RemoveSubscriber(eventId, client.Id);
        }
    }

    public void Remove(RealtimeClient client)
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
