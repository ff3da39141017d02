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
/// <para>
/// Seat counts of one event go out at most once per interval: <see cref="RealtimeOptions.SeatUpdateIntervalMs"/>, or
/// longer for an event with so many watchers that they would get more than
/// <see cref="RealtimeOptions.SeatMessagesPerSecond"/> messages a second. The first change after a quiet interval goes
/// at once; the changes after it go as one message carrying the latest count when the interval is over, and a sell-out
/// at once (<see cref="SeatThrottle"/>, docs/adr/0022). A hot event selling thousands of seats a second thus costs each
/// watcher a few messages a second, not one per booking batch, and the last count always follows.
/// </para>
/// </summary>
internal sealed partial class RealtimeSubscriptions(
    IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
    IOptions<RealtimeOptions> options,
    TimeProvider clock,
    EventBookingMetrics metrics,
    ILogger<RealtimeSubscriptions> logger) : ISeatChangeDelivery
{
    /// <summary>
    /// Sockets a fan-out hands a count to before it yields its thread (<see cref="BroadcastAsync"/>), and looks at the
    /// event's latest count again.
    /// </summary>
    private const int FanOutChunk = 256;

    private readonly ConcurrentDictionary<string, RealtimeClient> _clients = new();
    private readonly ConcurrentDictionary<int, ConcurrentDictionary<string, RealtimeClient>> _subscribers = new();
    private readonly ConcurrentDictionary<int, SeatThrottle> _throttles = new();
    private readonly TimeSpan _interval = TimeSpan.FromMilliseconds(options.Value.SeatUpdateIntervalMs);
    private readonly TimeProvider _clock = clock;
    private readonly ILogger _logger = logger;
    private readonly int _messagesPerSecond = options.Value.SeatMessagesPerSecond;

    // Subscribing and unsubscribing change two maps together; one lock keeps them consistent (a client
    // subscribing while the last one leaves must not lose its set). Delivery reads without it.
    private readonly Lock _subscriptionChanges = new();

    public int ClientCount => _clients.Count;

    public int SubscribedEventCount => _subscribers.Count(s => !s.Value.IsEmpty);

    /// <summary>Events with a seat throttle kept (for tests: none outlives its watchers).</summary>
    internal int ThrottledEventCount => _throttles.Count;

    /// <summary>Whether the event's watchers are still owed a capacity change (for tests).</summary>
    internal bool OwesCapacity(int eventId) => _throttles.TryGetValue(eventId, out var throttle) && throttle.OwesCapacity;

    public void Deliver(SeatChange change)
    {
        if (change.Type == SeatChange.WaitlistOffer)
        {
            DeliverOffer(change);
            return;
        }

        if (change.NotifiedAtMs is { } notifiedAt)
        {
            metrics.NotificationLag(_clock.GetUtcNow() - DateTimeOffset.UnixEpoch.AddMilliseconds(notifiedAt));
        }

        if (!_subscribers.TryGetValue(change.EventId, out var subscribers) || subscribers.IsEmpty)
        {
            return;
        }

        if (_interval <= TimeSpan.Zero)
        {
            // Every change, in order, on the listener's thread: without yields it has completed when it returns, and a
            // failure reaches the listener as before.
            BroadcastAsync(change.EventId, () => change, subscribers, yieldBetweenChunks: false).GetAwaiter().GetResult();
            return;
        }

        // The more watchers, the longer the interval: an event's counts cost at most SeatMessagesPerSecond messages a second.
        var interval = TimeSpan.FromMilliseconds(Math.Max(_interval.TotalMilliseconds, subscribers.Count * 1000.0 / _messagesPerSecond));
        _throttles.GetOrAdd(change.EventId, static (eventId, owner) => new SeatThrottle(owner, eventId), this).Offer(change, interval);
    }

    /// <summary>
    /// Queues one seat count to every subscriber of its event (in place of an older one not yet sent), <see cref="FanOutChunk"/>
    /// sockets at a time. Kestrel sends each connection's frames from its I/O queues, thread-pool items queued behind
    /// whatever queued them: a fan-out that handed 10,000 frames out in one go kept them waiting until it was done, and
    /// the last watchers got counts hundreds of milliseconds old. Yielding the thread after each chunk lets the frames
    /// handed out so far leave first (docs/adr/0022). The count is read from <paramref name="latest"/> again at each
    /// chunk, so a socket reached late gets the count that is current by then.
    /// </summary>
    private async Task BroadcastAsync(
        int eventId, Func<SeatChange> latest, ConcurrentDictionary<string, RealtimeClient> subscribers, bool yieldBetweenChunks)
    {
        var started = _clock.GetTimestamp();
        RealtimeClient[] clients = [.. subscribers.Values];
        var counts = new int[3];
        SeatChange? change = null;
        byte[] message = [];
        for (var from = 0; from < clients.Length; from += FanOutChunk)
        {
            if (yieldBetweenChunks && from > 0)
            {
                await Task.Yield(); // to the back of the thread pool's global queue, behind the sends just queued
            }

            var current = latest();
            if (!ReferenceEquals(current, change))
            {
                change = current;
                message = JsonSerializer.SerializeToUtf8Bytes(
                    RealtimeMessages.SeatChange(current, _clock.GetUtcNow().UtcDateTime), json.Value.SerializerOptions);
            }

            foreach (var client in clients.AsSpan(from, Math.Min(FanOutChunk, clients.Length - from)))
            {
                counts[(int)client.TrySendSeats(eventId, current, message)]++;
            }
        }

        metrics.WebSocketMessages(counts[(int)SeatSendResult.Queued], counts[(int)SeatSendResult.Dropped], counts[(int)SeatSendResult.Coalesced]);
        metrics.FanOut(_clock.GetElapsedTime(started));
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
                    RealtimeMessages.WaitlistOffer(change, _clock.GetUtcNow().UtcDateTime), json.Value.SerializerOptions);
                var sent = client.TrySend(message);
                metrics.WebSocketMessages(sent ? 1 : 0, sent ? 0 : 1, 0);
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

            client.ForgetSeats(eventId);

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
                if (_throttles.TryRemove(eventId, out var throttle))
                {
                    throttle.Dispose();
                }
            }
        }
    }

    /// <summary>Drops <paramref name="throttle"/> if its event has no watcher here (checked under the subscription lock).</summary>
    private void ForgetIfUnwatched(int eventId, SeatThrottle throttle)
    {
        lock (_subscriptionChanges)
        {
            if ((!_subscribers.TryGetValue(eventId, out var subscribers) || subscribers.IsEmpty)
                && _throttles.TryRemove(new KeyValuePair<int, SeatThrottle>(eventId, throttle)))
            {
                throttle.Dispose();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Seat counts of event {EventId} could not be sent to its watchers")]
    private static partial void LogFanOutFailed(ILogger logger, Exception exception, int eventId);

    /// <summary>
    /// One event's seat counts on their way out. A change after a quiet interval goes at once. Later ones wait, the
    /// latest replacing the one before, until the interval since the last count is over: while an event sells, its
    /// watchers get a fresh count once per interval. A count that crosses zero (sold out, or seats again after a sell-out)
    /// goes at once: it is the change watchers act on.
    /// <para>
    /// A fan-out runs on the thread pool, not on the listener's thread, one at a time per event, and sends the latest
    /// change offered, read again as it goes: the listener keeps recording changes while thousands of sockets are fed.
    /// </para>
    /// </summary>
    private sealed class SeatThrottle : IDisposable
    {
        private readonly RealtimeSubscriptions _owner;
        private readonly int _eventId;
        private readonly Lock _lock = new();
        private readonly ITimer _timer;
        private readonly Func<SeatChange> _latestChange;
        private SeatChange? _latest;
        private SeatChange? _lastBroadcast;

        // The latest capacity change (seat_update) that not every watcher has been sent yet: until a fan-out has sent
        // counts carrying it to every socket, each count goes out as a seat_update with that capacity.
        private SeatChange? _owedCapacity;
        private long _lastSent;
        private int? _lastSentSeats;
        private bool _pending;
        private bool _disposed;
        private int _fanOutRunning;
        private int _fanOutAgain;

        public bool OwesCapacity => Volatile.Read(ref _owedCapacity) is not null;

        public SeatThrottle(RealtimeSubscriptions owner, int eventId)
        {
            _owner = owner;
            _eventId = eventId;
            _latestChange = () => Volatile.Read(ref _latest)!;
            _timer = owner._clock.CreateTimer(static state => ((SeatThrottle)state!).Flush(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        /// <summary>The one writer of an event's changes: the listener's thread (its notifications and its catch-up).</summary>
        public void Offer(SeatChange change, TimeSpan interval)
        {
            // A capacity change must not vanish into a booking's count that replaces it before every watcher has it.
            var newCapacity = change.SeatCapacity is not null;
            if (!newCapacity && Volatile.Read(ref _owedCapacity) is { SeatCapacity: { } capacity })
            {
                change = change with { Type = SeatChange.SeatUpdate, SeatCapacity = capacity };
            }

            // The count before the debt: a fan-out that sees the debt also sees a count that carries it (FanOutAsync).
            Volatile.Write(ref _latest, change);
            if (newCapacity)
            {
                Volatile.Write(ref _owedCapacity, change);
            }
            lock (_lock)
            {
                if (_disposed)
                {
                    return;
                }

                var since = _lastSent == 0 ? interval : _owner._clock.GetElapsedTime(_lastSent);
                var crossesZero = _lastSentSeats is { } seats && (seats == 0) != (change.AvailableSeats == 0);
                if (since >= interval || crossesZero)
                {
                    _pending = false;
                    _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                    StartFanOut(change);
                    return;
                }

                if (!_pending)
                {
                    _pending = true;
                    _timer.Change(interval - since, Timeout.InfiniteTimeSpan);
                }
            }
        }

        private void Flush()
        {
            lock (_lock)
            {
                if (_pending && !_disposed)
                {
                    _pending = false;
                    StartFanOut(Volatile.Read(ref _latest)!);
                }
            }
        }

        /// <summary>Under <see cref="_lock"/>.</summary>
        private void StartFanOut(SeatChange change)
        {
            _lastSent = _owner._clock.GetTimestamp();
            _lastSentSeats = change.AvailableSeats;

            // One fan-out at a time per event, and no thread waits for it: a request while one runs is noted, and the
            // running one goes round again (with the count that is latest by then) instead of a second one queueing.
            Volatile.Write(ref _fanOutAgain, 1);
            if (Interlocked.CompareExchange(ref _fanOutRunning, 1, 0) == 0)
            {
                ThreadPool.UnsafeQueueUserWorkItem(static throttle => _ = throttle.FanOutWhileAskedAsync(), this, preferLocal: false);
            }
        }

        private async Task FanOutWhileAskedAsync()
        {
            do
            {
                Volatile.Write(ref _fanOutAgain, 0);
                try
                {
                    await FanOutAsync();
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    // One socket's failure is handled in its sender; anything else must not end the process from a
                    // thread-pool item. The next change fans out again.
                    LogFanOutFailed(_owner._logger, ex, _eventId);
                }

                Volatile.Write(ref _fanOutRunning, 0);
            }
            while (Volatile.Read(ref _fanOutAgain) == 1 && Interlocked.CompareExchange(ref _fanOutRunning, 1, 0) == 0);
        }

        private async Task FanOutAsync()
        {
            // The debt first, then the count: every count offered since the debt carries its capacity, so a fan-out
            // that started owing it sends it to every socket (a newer capacity offered meanwhile stays owed).
            var owed = Volatile.Read(ref _owedCapacity);
            var latest = Volatile.Read(ref _latest);
            if (Volatile.Read(ref _disposed) || latest is null || ReferenceEquals(latest, _lastBroadcast))
            {
                return; // this throttle is gone (the event's watchers left), or an earlier fan-out sent this count
            }

            _lastBroadcast = latest;
            if (_owner._subscribers.TryGetValue(_eventId, out var subscribers) && !subscribers.IsEmpty)
            {
                await _owner.BroadcastAsync(_eventId, _latestChange, subscribers, yieldBetweenChunks: true);
                if (owed is not null)
                {
                    Interlocked.CompareExchange(ref _owedCapacity, null, owed);
                }

                return;
            }

            // Everyone left between the change and now: nothing to keep for this event.
            _owner.ForgetIfUnwatched(_eventId, this);
        }

        public void Dispose()
        {
            lock (_lock)
            {
                _disposed = true;
                _pending = false;
            }

            _timer.Dispose();
        }
    }
}
