using System.Net.WebSockets;
using System.Threading.Channels;
using EventBooking.Application.Realtime;

namespace EventBooking.WebApi.Realtime;

/// <summary>
/// One browser socket. Everything sent to it goes through one queue drained by one sender, so a broadcast never
/// waits on a slow client.
/// <para>
/// Seat counts are coalesced per socket: while a count of an event waits to be sent, a newer one replaces it in
/// place (the latest count wins, in the position of the first), so a client that reads slowly gets fewer, current
/// messages instead of a backlog of stale ones, and is never dropped for that. Other messages (answers, offers) are
/// queued as they are, at most <c>queueCapacity</c> at once; a client that falls that far behind is dropped.
/// </para>
/// </summary>
internal sealed class RealtimeClient(int userId, WebSocket socket, int queueCapacity)
{
    // Unbounded, but bounded in fact: at most one seat entry per followed event, and queueCapacity other messages.
    // Synchronous continuations: an idle socket's sender runs on the writer's thread and hands the frame to the
    // connection there, instead of costing a thread-pool item per message (10,000 watchers of one event are 10,000
    // messages per count); it returns to the writer as soon as a send has to wait.
    private readonly Channel<Outgoing> _outbox = Channel.CreateUnbounded<Outgoing>(
        new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = true });
    private readonly Dictionary<int, ReadOnlyMemory<byte>> _pendingSeats = [];

    // The change each followed event's latest count (queued or sent) says: a fan-out that reaches this socket twice
    // with the same change sends it once. Guarded by the _pendingSeats lock.
    private readonly Dictionary<int, SeatChange> _lastSeats = [];
    private int _pendingMessages;

    public string Id { get; } = Guid.NewGuid().ToString("N");

    public int UserId { get; } = userId;

    public WebSocket Socket { get; } = socket;

    /// <summary>The events this socket follows (changed only by <see cref="RealtimeSubscriptions"/>, under its lock).</summary>
    public HashSet<int> Subscriptions { get; } = [];

    /// <summary>Queues a message; false (and the socket aborted) when the client has fallen too far behind.</summary>
    public bool TrySend(ReadOnlyMemory<byte> message)
    {
        if (Interlocked.Increment(ref _pendingMessages) <= queueCapacity && _outbox.Writer.TryWrite(new Outgoing(message, 0)))
        {
            return true;
        }

        Drop();
        return false;
    }

    /// <summary>
    /// Queues <paramref name="message"/>, which says <paramref name="change"/> of <paramref name="eventId"/>, or puts it in
    /// place of the count of that event still waiting. A change this socket already has (queued or sent) is not sent
    /// again (<see cref="SeatSendResult.Coalesced"/>). <see cref="SeatSendResult.Dropped"/> only when the socket is closing.
    /// </summary>
    public SeatSendResult TrySendSeats(int eventId, SeatChange change, ReadOnlyMemory<byte> message)
    {
        lock (_pendingSeats)
        {
            if (_lastSeats.TryGetValue(eventId, out var last) && ReferenceEquals(last, change))
            {
                return SeatSendResult.Coalesced;
            }

            _lastSeats[eventId] = change;
            if (_pendingSeats.ContainsKey(eventId))
            {
                _pendingSeats[eventId] = message;
                return SeatSendResult.Coalesced;
            }

            // In place before the marker: the sender may take it at once, on this thread.
            _pendingSeats[eventId] = message;
            if (!_outbox.Writer.TryWrite(new Outgoing(default, eventId)))
            {
                _pendingSeats.Remove(eventId);
                return SeatSendResult.Dropped;
            }

            return SeatSendResult.Queued;
        }
    }

    /// <summary>Forgets what this socket was last given of <paramref name="eventId"/> (it stopped following it).</summary>
    public void ForgetSeats(int eventId)
    {
        lock (_pendingSeats)
        {
            _lastSeats.Remove(eventId);
        }
    }

    public async Task RunSenderAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var outgoing in _outbox.Reader.ReadAllAsync(cancellationToken))
            {
                ReadOnlyMemory<byte> message;
                if (outgoing.SeatEventId == 0)
                {
                    Interlocked.Decrement(ref _pendingMessages);
                    message = outgoing.Message;
                }
                else
                {
                    lock (_pendingSeats)
                    {
                        _pendingSeats.Remove(outgoing.SeatEventId, out message);
                    }
                }

                await Socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Closed, aborted, cancelled, or anything else a send can throw: this socket is done either way.
            Drop();
        }
    }

    public void Drop()
    {
        _outbox.Writer.TryComplete();
        Socket.Abort();
    }

    public void CompleteOutbox() => _outbox.Writer.TryComplete();

    /// <summary>A message, or (with a non-zero <see cref="SeatEventId"/>) the place of that event's latest seat count.</summary>
    private readonly record struct Outgoing(ReadOnlyMemory<byte> Message, int SeatEventId);
}

/// <summary>What became of a seat count offered to one socket.</summary>
internal enum SeatSendResult
{
    /// <summary>Queued behind what the socket already had.</summary>
    Queued,

    /// <summary>Put in place of an older count of the same event that had not been sent yet.</summary>
    Coalesced,

    /// <summary>The socket is closing.</summary>
    Dropped,
}
