using System.Net.WebSockets;
using System.Threading.Channels;

namespace EventBooking.WebApi.Realtime;

/// <summary>
/// One browser socket. Everything sent to it goes through a bounded queue drained by one sender, so a
/// broadcast never waits on a slow client: when the queue is full the client is dropped instead.
/// </summary>
internal sealed class RealtimeClient(int userId, WebSocket socket, int queueCapacity)
{
    private readonly Channel<ReadOnlyMemory<byte>> _outbox = Channel.CreateBounded<ReadOnlyMemory<byte>>(
        new BoundedChannelOptions(queueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    public string Id { get; } = Guid.NewGuid().ToString("N");

    public int UserId { get; } = userId;

    public WebSocket Socket { get; } = socket;

    /// <summary>The events this socket follows (changed only by <see cref="RealtimeSubscriptions"/>, under its lock).</summary>
    public HashSet<int> Subscriptions { get; } = [];

    /// <summary>Queues a message; false (and the socket aborted) when the client has fallen too far behind.</summary>
    public bool TrySend(ReadOnlyMemory<byte> message)
    {
        if (_outbox.Writer.TryWrite(message))
        {
            return true;
        }

        Drop();
        return false;
    }

    public async Task RunSenderAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var message in _outbox.Reader.ReadAllAsync(cancellationToken))
            {
                await Socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            Drop();
        }
    }

    public void Drop()
    {
        _outbox.Writer.TryComplete();
        Socket.Abort();
    }

    public void CompleteOutbox() => _outbox.Writer.TryComplete();
}
