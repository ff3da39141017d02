using EventBooking.Application.Bookings;
using EventBooking.Application.Common.Exceptions;
using EventBooking.Infrastructure.Concurrency;
using EventBooking.Infrastructure.Seats;
using EventBooking.TestSupport;
using Microsoft.Extensions.Options;

namespace EventBooking.Infrastructure.IntegrationTests.Persistence;

/// <summary>The queue in front of the database: admission per event, batching, giving up, failures.</summary>
public sealed class KeyedBatchQueueTests
{
    [Fact]
    public async Task SubmitAsync_WhenNobodyElseWaits_ShouldRunABatchOfOneAtOnce()
    {
        var database = new FakeDatabase();
        var batcher = database.Batcher(maxBatchSize: 32, maxConcurrentBatches: 2);

        var attempt = await batcher.SubmitAsync(7, new PendingBooking(1, "BK-1"), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(BookingOutcomeStatus.Created, attempt.Status);
        Assert.Equal([[1]], database.Batches.Select(b => b.Users));
        await AssertIdleAsync(batcher);
    }

    [Fact]
    public async Task SubmitAsync_WhileBatchesRun_ShouldGatherTheWaitingBuyersIntoTheNextBatch_InArrivalOrder()
    {
        var database = new FakeDatabase { Hold = true };
        var batcher = database.Batcher(maxBatchSize: 4, maxConcurrentBatches: 1);

        var first = batcher.SubmitAsync(7, new PendingBooking(1, "BK-1"), CancellationToken.None);
        await database.WaitForBatchesAsync(1);
        var waiting = Enumerable.Range(2, 9).Select(u => batcher.SubmitAsync(7, new PendingBooking(u, $"BK-{u}"), CancellationToken.None)).ToList();
        database.Release();
        var attempts = await Task.WhenAll(waiting.Prepend(first)).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal([[1], [2, 3, 4, 5], [6, 7, 8, 9], [10]], database.Batches.Select(b => b.Users));
        Assert.Equal(Enumerable.Range(1, 10), attempts.Select(a => a.AvailableSeats));
        await AssertIdleAsync(batcher);
    }

    [Fact]
    public async Task SubmitAsync_ShouldRunAtMostTheAllowedBatchesOfOneEventAtOnce()
    {
        var database = new FakeDatabase { Delay = TimeSpan.FromMilliseconds(2) };
        var batcher = database.Batcher(maxBatchSize: 3, maxConcurrentBatches: 2);

        var attempts = await Task.WhenAll(Enumerable.Range(1, 200).Select(u =>
            Task.Run(() => batcher.SubmitAsync(7, new PendingBooking(u, $"BK-{u}"), CancellationToken.None))));

        Assert.All(attempts, a => Assert.Equal(BookingOutcomeStatus.Created, a.Status));
        Assert.InRange(database.MostAtOnce, 1, 2);
        Assert.All(database.Batches, b => Assert.InRange(b.Users.Length, 1, 3));
        Assert.Equal(Enumerable.Range(1, 200), database.Batches.SelectMany(b => b.Users).Order());
        await AssertIdleAsync(batcher);
    }

    [Fact]
    public async Task SubmitAsync_WhenOneEventIsBusy_ShouldNotHoldBackAnotherEvent()
    {
        var database = new FakeDatabase { Hold = true, HoldEvent = 1 };
        var batcher = database.Batcher(maxBatchSize: 8, maxConcurrentBatches: 1);
        var hot = batcher.SubmitAsync(1, new PendingBooking(1, "BK-1"), CancellationToken.None);
        await database.WaitForBatchesAsync(1);

        var other = await batcher.SubmitAsync(2, new PendingBooking(2, "BK-2"), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(BookingOutcomeStatus.Created, other.Status);
        Assert.False(hot.IsCompleted);
        database.Release();
        await hot.WaitAsync(TimeSpan.FromSeconds(5));
        await AssertIdleAsync(batcher);
    }

    [Fact]
    public async Task SubmitAsync_WhenAWaiterGivesUpBeforeItsTurn_ShouldNeverBookIt()
    {
        var database = new FakeDatabase { Hold = true };
        var batcher = database.Batcher(maxBatchSize: 8, maxConcurrentBatches: 1);
        var first = batcher.SubmitAsync(7, new PendingBooking(1, "BK-1"), CancellationToken.None);
        await database.WaitForBatchesAsync(1);
        using var giveUp = new CancellationTokenSource();
        var quitter = batcher.SubmitAsync(7, new PendingBooking(2, "BK-2"), giveUp.Token);
        var stayer = batcher.SubmitAsync(7, new PendingBooking(3, "BK-3"), CancellationToken.None);

        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => quitter);
        database.Release();
        await Task.WhenAll(first, stayer).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal([[1], [3]], database.Batches.Select(b => b.Users));
        await AssertIdleAsync(batcher);
    }

    [Fact]
    public async Task SubmitAsync_WhenManyGiveUpBehindAStalledBatch_ShouldNotKeepThemQueued()
    {
        var database = new FakeDatabase { Hold = true };
        var batcher = database.Batcher(maxBatchSize: 8, maxConcurrentBatches: 1);
        var first = batcher.SubmitAsync(7, new PendingBooking(1, "BK-1"), CancellationToken.None);
        await database.WaitForBatchesAsync(1);
        using var giveUp = new CancellationTokenSource();
        var quitters = Enumerable.Range(100, 300).Select(u => batcher.SubmitAsync(7, new PendingBooking(u, $"BK-{u}"), giveUp.Token)).ToList();
        var stayer = batcher.SubmitAsync(7, new PendingBooking(2, "BK-2"), CancellationToken.None);

        await giveUp.CancelAsync();
        foreach (var quitter in quitters)
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => quitter);
        }

        Assert.InRange(batcher.Queued(7), 1, 150);
        database.Release();
        await Task.WhenAll(first, stayer).WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal([[1], [2]], database.Batches.Select(b => b.Users));
        await AssertIdleAsync(batcher);
    }

    [Fact]
    public async Task SubmitAsync_WhenTheTurnDoesNotComeInTime_ShouldAnswerBusyAndNeverBookIt()
    {
        var database = new FakeDatabase { Hold = true };
        var batcher = database.Batcher(maxBatchSize: 8, maxConcurrentBatches: 1, maxWait: TimeSpan.FromMilliseconds(100));
        var first = batcher.SubmitAsync(7, new PendingBooking(1, "BK-1"), CancellationToken.None);
        await database.WaitForBatchesAsync(1);

        var busy = await Assert.ThrowsAsync<ServiceBusyException>(() => batcher.SubmitAsync(7, new PendingBooking(2, "BK-2"), CancellationToken.None));

        Assert.Equal(TimeSpan.FromSeconds(1), busy.RetryAfter);
        database.Release();
        await first.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal([[1]], database.Batches.Select(b => b.Users));
        await AssertIdleAsync(batcher);
    }

    [Fact]
    public async Task SubmitAsync_WhenTheWaitRunsOutAfterItsBatchStarted_ShouldStillGiveTheOutcome()
    {
        var database = new FakeDatabase { Hold = true };
        var batcher = database.Batcher(maxBatchSize: 8, maxConcurrentBatches: 1, maxWait: TimeSpan.FromMilliseconds(100));
        var slow = batcher.SubmitAsync(7, new PendingBooking(1, "BK-1"), CancellationToken.None);
        await database.WaitForBatchesAsync(1);

        await Task.Delay(300);
        database.Release();

        Assert.Equal(BookingOutcomeStatus.Created, (await slow.WaitAsync(TimeSpan.FromSeconds(5))).Status);
    }

    [Fact]
    public async Task SubmitAsync_WhenABatchFails_ShouldFailItsBuyersOnly_AndGoOnWithTheNext()
    {
        var database = new FakeDatabase { Hold = true, FailBatchWithUser = 2, FailOnlyUser = 5 };
        var batcher = database.Batcher(maxBatchSize: 2, maxConcurrentBatches: 1);
        var first = batcher.SubmitAsync(7, new PendingBooking(1, "BK-1"), CancellationToken.None);
        await database.WaitForBatchesAsync(1);
        var rest = Enumerable.Range(2, 5).Select(u => batcher.SubmitAsync(7, new PendingBooking(u, $"BK-{u}"), CancellationToken.None)).ToList();

        database.Release();
        await Task.WhenAll(rest.Prepend(first).Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default))).WaitAsync(TimeSpan.FromSeconds(5));

        // Batches: [1], [2, 3] (the whole batch fails), [4, 5] (only 5's own outcome fails), [6].
        Assert.True(first.IsCompletedSuccessfully);
        Assert.IsType<InvalidOperationException>(await Record.ExceptionAsync(() => rest[0]));
        Assert.IsType<InvalidOperationException>(await Record.ExceptionAsync(() => rest[1]));
        Assert.True(rest[2].IsCompletedSuccessfully);
        Assert.IsType<TimeoutException>(await Record.ExceptionAsync(() => rest[3]));
        Assert.True(rest[4].IsCompletedSuccessfully);
        await AssertIdleAsync(batcher);
    }

    /// <summary>A drain hands out outcomes before it looks for the next batch: give it a moment to stop.</summary>
    private static Task AssertIdleAsync(KeyedBatchQueue<int, PendingBooking, BookingOutcome> batcher) =>
        Eventually.WaitUntilAsync(() => batcher.ActiveKeys == 0, "the batcher still has active events");

    /// <summary>Plays the database: books everyone (seats left = user id), optionally holds or fails batches.</summary>
    private sealed class FakeDatabase : IBatchExecutor<int, PendingBooking, BookingOutcome>
    {
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly List<(int EventId, int[] Users)> _batches = [];
        private int _running;
        private int _mostAtOnce;

        public bool Hold { get; init; }

        public int? HoldEvent { get; init; }

        public TimeSpan Delay { get; init; }

        public int? FailBatchWithUser { get; init; }

        public int? FailOnlyUser { get; init; }

        public int MostAtOnce => Volatile.Read(ref _mostAtOnce);

        public IReadOnlyList<(int EventId, int[] Users)> Batches
        {
            get
            {
                lock (_batches)
                {
                    return [.. _batches];
                }
            }
        }

        public KeyedBatchQueue<int, PendingBooking, BookingOutcome> Batcher(int maxBatchSize, int maxConcurrentBatches, TimeSpan? maxWait = null) =>
            new(this, Options.Create(new BatchQueueOptions
            {
                MaxBatchSize = maxBatchSize,
                MaxConcurrentPerKey = maxConcurrentBatches,
                MaxWait = maxWait ?? TimeSpan.FromSeconds(10),
            }));

        public void Release() => _release.TrySetResult();

        public Task WaitForBatchesAsync(int count) =>
            Eventually.WaitUntilAsync(() => Batches.Count >= count, $"fewer than {count} batches started");

        public async Task<IReadOnlyList<Task<BookingOutcome>>> ExecuteAsync(int eventId, IReadOnlyList<PendingBooking> bookings)
        {
            var now = Interlocked.Increment(ref _running);
            int seen;
            while (now > (seen = Volatile.Read(ref _mostAtOnce)) && Interlocked.CompareExchange(ref _mostAtOnce, now, seen) != seen)
            {
            }

            try
            {
                var users = bookings.Select(b => b.UserId).ToArray();
                lock (_batches)
                {
                    _batches.Add((eventId, users));
                }

                if (Hold && (HoldEvent is null || HoldEvent == eventId))
                {
                    await _release.Task;
                }

                if (Delay > TimeSpan.Zero)
                {
                    await Task.Delay(Delay);
                }

                if (FailBatchWithUser is { } failing && users.Contains(failing))
                {
                    throw new InvalidOperationException("the whole batch failed");
                }

                return users.Select(u => u == FailOnlyUser
                    ? Task.FromException<BookingOutcome>(new TimeoutException("this booking alone failed"))
                    : Task.FromResult(new BookingOutcome(BookingOutcomeStatus.Created, DateTime.UtcNow, u))).ToList();
            }
            finally
            {
                Interlocked.Decrement(ref _running);
            }
        }
    }
}
