using System.Net.WebSockets;
using EventBooking.WebApi.Realtime;

namespace EventBooking.WebApi.IntegrationTests.Realtime;

/// <summary>A slow client cannot hold up broadcasts: its bounded outbox overflows and it is dropped.</summary>
public sealed class RealtimeClientTests
{
    [Fact]
    public async Task TrySend_WhenTheClientStopsReading_ShouldDropItOnceTheOutboxIsFullWithoutBlocking()
    {
        using var socket = new StalledSocket();
        var client = new RealtimeClient(userId: 1, socket, queueCapacity: 4);
        using var stop = new CancellationTokenSource();
        var sender = client.RunSenderAsync(stop.Token);
        Assert.True(client.TrySend(new byte[] { 1 }));
        await socket.FirstSendStarted.Task.WaitAsync(TimeSpan.FromSeconds(5));

        // One message is stuck in SendAsync, four fill the outbox; the next overflows.
        var accepted = Enumerable.Range(0, 4).Select(_ => client.TrySend(new byte[] { 1 })).ToList();
        var overflow = client.TrySend(new byte[] { 1 });

        Assert.All(accepted, Assert.True);
        Assert.False(overflow);
        Assert.True(socket.Aborted);
        await stop.CancelAsync();
        await sender.WaitAsync(TimeSpan.FromSeconds(5));
    }

    /// <summary>A socket whose first send never completes, like a client that stopped reading.</summary>
    private sealed class StalledSocket : WebSocket
    {
        public TaskCompletionSource FirstSendStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Aborted { get; private set; }

        public override WebSocketCloseStatus? CloseStatus => null;

        public override string? CloseStatusDescription => null;

        public override WebSocketState State => Aborted ? WebSocketState.Aborted : WebSocketState.Open;

        public override string? SubProtocol => null;

        public override void Abort() => Aborted = true;

        public override Task CloseAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken) =>
            Task.CompletedTask;

        public override Task CloseOutputAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken) =>
            Task.CompletedTask;

        public override void Dispose()
        {
        }

        public override Task<WebSocketReceiveResult> ReceiveAsync(ArraySegment<byte> buffer, CancellationToken cancellationToken) =>
            Task.Delay(Timeout.Infinite, cancellationToken).ContinueWith(_ => new WebSocketReceiveResult(0, WebSocketMessageType.Close, true), TaskScheduler.Default);

        public override async Task SendAsync(ArraySegment<byte> buffer, WebSocketMessageType messageType, bool endOfMessage, CancellationToken cancellationToken)
        {
            FirstSendStarted.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
    }
}
