using System.Diagnostics.Metrics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using EventBooking.Application.Common.Telemetry;
using EventBooking.Application.Realtime;
using EventBooking.WebApi.Realtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace EventBooking.WebApi.IntegrationTests.Realtime;

/// <summary>
/// Thousands of watchers of a hot event (issue 18): a socket keeps at most one unsent count per event, the newest, and
/// an event's counts go out at most once per <see cref="RealtimeOptions.SeatUpdateIntervalMs"/>, the latest last.
/// </summary>
public sealed class SeatCountCoalescingTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    public void Dispose() => _services.Dispose();

    [Fact]
    public async Task TrySendSeats_WhileTheSocketIsBusy_ShouldKeepOnlyTheLatestCountOfEachEventInItsPlaceAndNeverDrop()
    {
        using var socket = new RecordingSocket(holdFirstSend: true);
        var client = new RealtimeClient(userId: 1, socket, queueCapacity: 4);
        using var stop = new CancellationTokenSource();
        var sender = client.RunSenderAsync(stop.Token);
        Assert.Equal(SeatSendResult.Queued, client.TrySendSeats(7, Seat(7), Bytes("7:first")));
        await socket.FirstSendStarted.Task.WaitAsync(TimeSpan.FromSeconds(5));

        // The first count is stuck in SendAsync. A thousand more of event 7 take one place; event 8 and an answer queue behind.
        var results = Enumerable.Range(1, 1000).Select(i => client.TrySendSeats(7, Seat(7), Bytes($"7:{i}"))).ToList();
        Assert.Equal(SeatSendResult.Queued, client.TrySendSeats(8, Seat(8), Bytes("8:1")));
        Assert.True(client.TrySend(Bytes("pong")));
        Assert.Equal(SeatSendResult.Coalesced, client.TrySendSeats(7, Seat(7), Bytes("7:latest")));
        Assert.Equal(SeatSendResult.Coalesced, client.TrySendSeats(8, Seat(8), Bytes("8:latest")));

        var repeated = Seat(9);
        Assert.Equal(SeatSendResult.Queued, client.TrySendSeats(9, repeated, Bytes("9:once")));

        socket.ReleaseFirstSend();
        await socket.WaitForAsync(5);

        // The same change offered again (a second fan-out of the same count) is not sent twice.
        Assert.Equal(SeatSendResult.Coalesced, client.TrySendSeats(9, repeated, Bytes("9:again")));
        await Task.Delay(50);
        Assert.Equal(SeatSendResult.Queued, results[0]);
        Assert.All(results.Skip(1), r => Assert.Equal(SeatSendResult.Coalesced, r));
        Assert.Equal(["7:first", "7:latest", "8:latest", "pong", "9:once"], socket.Sent);
        Assert.False(socket.Aborted);
        await stop.CancelAsync();
        await sender.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Deliver_ShouldSendTheFirstChangeAtOnceAndTheNextOnesAsOneMessageWithTheLatestCountAtTheIntervalsEnd()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero));
        var (subscriptions, socket, sender, stop, _) = Watch(clock, intervalMs: 100, eventId: 5);

        subscriptions.Deliver(Created(5, 99, clock));
        await socket.WaitForAsync(1);
        clock.Advance(TimeSpan.FromMilliseconds(10));
        foreach (var seats in new[] { 98, 97, 96 })
        {
            subscriptions.Deliver(Created(5, seats, clock));
        }

        subscriptions.Deliver(Created(6, 10, clock)); // nobody here follows event 6
        clock.Advance(TimeSpan.FromMilliseconds(89));
        await Task.Delay(50);
        Assert.Single(socket.Sent); // 99 ms after the first: still waiting

        clock.Advance(TimeSpan.FromMilliseconds(1));
        await socket.WaitForAsync(2);
        clock.Advance(TimeSpan.FromMilliseconds(500));
        subscriptions.Deliver(Created(5, 95, clock)); // after a quiet interval: at once
        await socket.WaitForAsync(3);

        var messages = socket.Sent.Select(m => JsonDocument.Parse(m).RootElement).ToList();
        Assert.Equal([99, 96, 95], messages.Select(m => m.GetProperty("availableSeats").GetInt32()));
        Assert.All(messages, m => Assert.Equal("booking_created", m.GetProperty("type").GetString()));

        // changedAt is the commit time the database announced, not the time of sending.
        Assert.Equal("2026-12-07T12:00:00.010Z", messages[1].GetProperty("changedAt").GetString());
        Assert.Equal("2026-12-07T12:00:00.100Z", messages[1].GetProperty("timestamp").GetString());
        await stop.CancelAsync();
        await sender;
    }

    [Fact]
    public async Task Deliver_WhenABookingFollowsACapacityChangeWithinTheInterval_ShouldSendTheLatestCountAsASeatUpdateWithTheCapacity()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero));
        var (subscriptions, socket, sender, stop, _) = Watch(clock, intervalMs: 100, eventId: 5);

        subscriptions.Deliver(Created(5, 99, clock));
        await socket.WaitForAsync(1);
        clock.Advance(TimeSpan.FromMilliseconds(10));
        subscriptions.Deliver(new SeatChange(SeatChange.SeatUpdate, 5, 149, SeatCapacity: 150, NotifiedAtMs: clock.GetUtcNow().ToUnixTimeMilliseconds()));
        subscriptions.Deliver(Created(5, 148, clock)); // replaces the capacity change before it was sent
        Assert.True(subscriptions.OwesCapacity(5));
        clock.Advance(TimeSpan.FromMilliseconds(90));
        await socket.WaitForAsync(2);
        await EventBooking.TestSupport.Eventually.WaitUntilAsync(() => !subscriptions.OwesCapacity(5), "the capacity fanned out");

        // Once a fan-out has sent the capacity, later bookings go out as bookings again, a change every 10 ms or not.
        clock.Advance(TimeSpan.FromMilliseconds(500));
        for (var seats = 147; seats >= 127; seats--)
        {
            subscriptions.Deliver(Created(5, seats, clock));
            clock.Advance(TimeSpan.FromMilliseconds(10));
        }

        clock.Advance(TimeSpan.FromMilliseconds(100));
        await EventBooking.TestSupport.Eventually.WaitUntilAsync(
            () => socket.Sent.Count > 0 && socket.Sent[^1].Contains("\"availableSeats\":127", StringComparison.Ordinal), "the last count sent");

        var messages = socket.Sent.Select(m => JsonDocument.Parse(m).RootElement).ToList();
        Assert.Equal(["booking_created", "seat_update"], messages.Take(2).Select(m => m.GetProperty("type").GetString()));
        Assert.Equal([99, 148], messages.Take(2).Select(m => m.GetProperty("availableSeats").GetInt32()));
        Assert.True(messages.Count >= 3);
        Assert.Equal(127, messages[^1].GetProperty("availableSeats").GetInt32());
        Assert.Equal(150, messages[1].GetProperty("seatCapacity").GetInt32());
        Assert.All(messages.Skip(2), m => Assert.Equal("booking_created", m.GetProperty("type").GetString()));
        Assert.All(messages.Skip(2), m => Assert.False(m.TryGetProperty("seatCapacity", out _)));
        await stop.CancelAsync();
        await sender;
    }

    [Fact]
    public async Task Deliver_WhileAnEventChangesWithoutPause_ShouldSendItsLatestCountOncePerIntervalAndTheLastOneAfterIt()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero));
        var (subscriptions, socket, sender, stop, _) = Watch(clock, intervalMs: 100, eventId: 5);

        // A change every 10 ms for 300 ms: seats 300, 299, ... 270.
        for (var step = 0; step <= 30; step++)
        {
            await WaitForFanOutAsync(socket, step, every: 10);
            subscriptions.Deliver(Created(5, 300 - step, clock));
            if (step == 0)
            {
                await socket.WaitForAsync(1);
            }

            clock.Advance(TimeSpan.FromMilliseconds(10));
        }

        clock.Advance(TimeSpan.FromMilliseconds(100));
        await socket.WaitForAsync(5);
        await Task.Delay(50);

        // At 0 ms, then at 100, 200 and 300 ms the latest count before each, then the last one at 400 ms.
        Assert.Equal(
            [300, 291, 281, 271, 270],
            socket.Sent.Select(m => JsonDocument.Parse(m).RootElement.GetProperty("availableSeats").GetInt32()));
        await stop.CancelAsync();
        await sender;
    }

    [Fact]
    public async Task Deliver_ToManyWatchers_ShouldStretchTheIntervalToKeepTheEventsMessagesPerSecondUnderTheLimit()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero));
        var (subscriptions, socket, sender, stop, _) = Watch(clock, intervalMs: 100, eventId: 5, messagesPerSecond: 100);
        var others = Enumerable.Range(0, 49).Select(i => new RealtimeClient(100 + i, new RecordingSocket(holdFirstSend: false), 8)).ToList();
        others.ForEach(c => { subscriptions.Add(c); subscriptions.Subscribe(c, 5); });

        // 50 watchers at 100 messages a second: one count every 500 ms, however often the seats change.
        for (var step = 0; step <= 100; step++)
        {
            await WaitForFanOutAsync(socket, step, every: 50);
            subscriptions.Deliver(Created(5, 1000 - step, clock));
            if (step == 0)
            {
                await socket.WaitForAsync(1);
            }

            clock.Advance(TimeSpan.FromMilliseconds(10));
        }

        await socket.WaitForAsync(3);
        await Task.Delay(50);

        Assert.Equal([1000, 951, 901], socket.Sent.Select(m => JsonDocument.Parse(m).RootElement.GetProperty("availableSeats").GetInt32()));
        await stop.CancelAsync();
        await sender;
    }

    [Fact]
    public async Task Deliver_WhenTheCountReachesZeroOrLeavesIt_ShouldSendItAtOnce()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero));
        var (subscriptions, socket, sender, stop, _) = Watch(clock, intervalMs: 1000, eventId: 5);

        subscriptions.Deliver(Created(5, 2, clock));
        await socket.WaitForAsync(1);
        clock.Advance(TimeSpan.FromMilliseconds(10));
        subscriptions.Deliver(Created(5, 1, clock)); // waits for the interval
        clock.Advance(TimeSpan.FromMilliseconds(10));
        subscriptions.Deliver(Created(5, 0, clock)); // sold out: at once, in place of the waiting 1
        await socket.WaitForAsync(2);
        clock.Advance(TimeSpan.FromMilliseconds(10));
        subscriptions.Deliver(new SeatChange(SeatChange.BookingCancelled, 5, 1)); // a seat again: at once
        await socket.WaitForAsync(3);
        clock.Advance(TimeSpan.FromSeconds(2));
        await Task.Delay(50);

        Assert.Equal([2, 0, 1], socket.Sent.Select(m => JsonDocument.Parse(m).RootElement.GetProperty("availableSeats").GetInt32()));
        await stop.CancelAsync();
        await sender;
    }

    [Fact]
    public async Task Deliver_ToThousandsOfWatchersWhileTheSeatsKeepChanging_ShouldGiveEachNewerCountsOnlyAndTheLastOne()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero));
        var (subscriptions, first, firstSender, stop, _) = Watch(clock, intervalMs: 20, eventId: 5, messagesPerSecond: 10_000_000);
        var sockets = new List<RecordingSocket> { first };
        var senders = new List<Task> { firstSender };
        for (var i = 0; i < 1_499; i++)
        {
            var socket = new RecordingSocket(holdFirstSend: false);
            var client = new RealtimeClient(1000 + i, socket, 8);
            subscriptions.Add(client);
            subscriptions.Subscribe(client, 5);
            sockets.Add(socket);
            senders.Add(client.RunSenderAsync(stop.Token));
        }

        // 1,500 watchers: fan-outs go 256 sockets at a time, yielding between, and re-read the count at each chunk.
        for (var seats = 300; seats >= 0; seats--)
        {
            subscriptions.Deliver(Created(5, seats, clock));
            clock.Advance(TimeSpan.FromMilliseconds(1));
            if (seats % 50 == 0)
            {
                await Task.Delay(5);
            }
        }

        await EventBooking.TestSupport.Eventually.WaitUntilAsync(
            () => sockets.All(s => s.Sent.Count > 0 && Seats(s.Sent[^1]) == 0), "every watcher got the sell-out");
        Assert.All(sockets, socket =>
        {
            var counts = socket.Sent.Select(Seats).ToList();
            Assert.Equal(counts.OrderDescending().Distinct(), counts); // never an older count after a newer one
        });
        await stop.CancelAsync();
        await Task.WhenAll(senders);
    }

    private static int Seats(string message) => JsonDocument.Parse(message).RootElement.GetProperty("availableSeats").GetInt32();

    [Fact]
    public async Task Deliver_WithNoInterval_ShouldSendEveryChange()
    {
        var clock = new FakeTimeProvider();
        var (subscriptions, socket, sender, stop, _) = Watch(clock, intervalMs: 0, eventId: 5);

        foreach (var seats in new[] { 3, 2, 1 })
        {
            subscriptions.Deliver(Created(5, seats, clock));
            await socket.WaitForAsync(4 - seats);
        }

        Assert.Equal([3, 2, 1], socket.Sent.Select(m => JsonDocument.Parse(m).RootElement.GetProperty("availableSeats").GetInt32()));
        await stop.CancelAsync();
        await sender;
    }

    [Fact]
    public async Task Deliver_AfterTheLastWatcherLeft_ShouldSendNothingAndKeepNothingForTheEvent()
    {
        var clock = new FakeTimeProvider();
        var (subscriptions, socket, sender, stop, client) = Watch(clock, intervalMs: 100, eventId: 5);
        subscriptions.Deliver(Created(5, 9, clock));
        await socket.WaitForAsync(1);
        subscriptions.Deliver(Created(5, 8, clock)); // waits for the interval's end

        subscriptions.Remove(client);
        clock.Advance(TimeSpan.FromSeconds(1));
        await Task.Delay(50);

        Assert.Single(socket.Sent);
        Assert.Equal(0, subscriptions.ThrottledEventCount);
        await stop.CancelAsync();
        await sender;
    }

    private (RealtimeSubscriptions Subscriptions, RecordingSocket Socket, Task Sender, CancellationTokenSource Stop, RealtimeClient Client) Watch(
        TimeProvider clock, int intervalMs, int eventId, int messagesPerSecond = 20_000)
    {
        var json = Options.Create(new Microsoft.AspNetCore.Http.Json.JsonOptions());
        json.Value.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        json.Value.SerializerOptions.Converters.Add(new Json.UtcDateTimeJsonConverter());
        var subscriptions = new RealtimeSubscriptions(
            json,
            Options.Create(new RealtimeOptions { SeatUpdateIntervalMs = intervalMs, SeatMessagesPerSecond = messagesPerSecond }),
            clock,
            new EventBookingMetrics(_services.GetRequiredService<IMeterFactory>()),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<RealtimeSubscriptions>.Instance);
        var socket = new RecordingSocket(holdFirstSend: false);
        var client = new RealtimeClient(userId: 1, socket, queueCapacity: 64);
        subscriptions.Add(client);
        subscriptions.Subscribe(client, eventId);
        var stop = new CancellationTokenSource();
        return (subscriptions, socket, client.RunSenderAsync(stop.Token), stop, client);
    }

    /// <summary>
    /// Fan-outs run on the thread pool and send the count that is latest when they run: a test that steps the clock
    /// waits for the fan-out an interval's end started (every <paramref name="every"/> steps) before the next change.
    /// </summary>
    private static Task WaitForFanOutAsync(RecordingSocket socket, int step, int every) =>
        step > 0 && step % every == 0 ? socket.WaitForAsync((step / every) + 1) : Task.CompletedTask;

    /// <summary>A booking of <paramref name="eventId"/> committed now by <paramref name="clock"/>.</summary>
    private static SeatChange Created(int eventId, int seats, TimeProvider clock) =>
        new(SeatChange.BookingCreated, eventId, seats, NotifiedAtMs: clock.GetUtcNow().ToUnixTimeMilliseconds());

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>A new change of <paramref name="eventId"/> (each call a different one).</summary>
    private static SeatChange Seat(int eventId) => new(SeatChange.BookingCreated, eventId, 1);

    /// <summary>A socket that records what is sent; optionally its first send waits until released.</summary>
    private sealed class RecordingSocket(bool holdFirstSend) : WebSocket
    {
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly List<string> _sent = [];
        private bool _holding = holdFirstSend;

        public TaskCompletionSource FirstSendStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Aborted { get; private set; }

        public IReadOnlyList<string> Sent
        {
            get
            {
                lock (_sent)
                {
                    return [.. _sent];
                }
            }
        }

        public override WebSocketCloseStatus? CloseStatus => null;

        public override string? CloseStatusDescription => null;

        public override WebSocketState State => Aborted ? WebSocketState.Aborted : WebSocketState.Open;

        public override string? SubProtocol => null;

        public void ReleaseFirstSend() => _release.TrySetResult();

        public Task WaitForAsync(int count) =>
            EventBooking.TestSupport.Eventually.WaitUntilAsync(() => Sent.Count >= count, $"{count} messages sent");

        public override void Abort() => Aborted = true;

        public override Task CloseAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken) =>
            Task.CompletedTask;

        public override Task CloseOutputAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken) =>
            Task.CompletedTask;

        public override void Dispose()
        {
        }

        public override Task<WebSocketReceiveResult> ReceiveAsync(ArraySegment<byte> buffer, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public override async Task SendAsync(ArraySegment<byte> buffer, WebSocketMessageType messageType, bool endOfMessage, CancellationToken cancellationToken)
        {
            lock (_sent)
            {
                _sent.Add(Encoding.UTF8.GetString(buffer));
            }

            FirstSendStarted.TrySetResult();
            if (_holding)
            {
                _holding = false;
                await _release.Task.WaitAsync(cancellationToken);
            }
        }
    }
}
