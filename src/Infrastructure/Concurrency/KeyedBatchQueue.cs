using System.Diagnostics;
using EventBooking.Application.Common.Exceptions;
using Microsoft.Extensions.Options;

namespace EventBooking.Infrastructure.Concurrency;

/// <summary>How a <see cref="KeyedBatchQueue{TKey, TItem, TOutcome}"/> treats the items of one key.</summary>
internal sealed class BatchQueueOptions
{
    /// <summary>The most items one batch takes.</summary>
    public int MaxBatchSize { get; set; } = 32;

    /// <summary>How many batches of one key run at once; the other items wait, in arrival order.</summary>
    public int MaxConcurrentPerKey { get; set; } = 1;

    /// <summary>How long an item waits to be taken into a batch before its caller gets <see cref="ServiceBusyException"/>.</summary>
    public TimeSpan MaxWait { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>What a <see cref="KeyedBatchQueue{TKey, TItem, TOutcome}"/> reports as it works (metrics).</summary>
internal interface IBatchQueueObserver
{
    /// <summary>Items waiting changed by <paramref name="change"/> (+1 queued; -1 taken or given up).</summary>
    void QueuedChanged(int change);

    /// <summary>An item was taken into a batch after waiting <paramref name="waited"/>.</summary>
    void Taken(TimeSpan waited);

    /// <summary>A batch of <paramref name="size"/> items starts.</summary>
    void BatchStarted(int size);
}

/// <summary>Runs one batch of items of one key, for a <see cref="KeyedBatchQueue{TKey, TItem, TOutcome}"/>.</summary>
internal interface IBatchExecutor<in TKey, TItem, TOutcome>
{
    /// <summary>
    /// Runs <paramref name="items"/> of <paramref name="key"/> and returns one completed task per item, in the same
    /// order: its outcome, or the exception that belongs to that item alone. An exception thrown by this method
    /// itself fails every item of the batch.
    /// </summary>
    Task<IReadOnlyList<Task<TOutcome>>> ExecuteAsync(TKey key, IReadOnlyList<TItem> items);
}

/// <summary>
/// Per-key admission control and batching. Items of one key (the bookings of one event) queue here, in arrival
/// order, holding neither a database connection nor a thread; at most <see cref="BatchQueueOptions.MaxConcurrentPerKey"/>
/// batches per key run at once, and each takes up to <see cref="BatchQueueOptions.MaxBatchSize"/> of the waiting items.
/// <para>
/// Why, for bookings: every booking of an event takes that event's row lock and holds it until its commit is
/// flushed, so one event sells at most one booking per commit, and the lock's queue gets slower the longer it is.
/// Queueing in the API keeps the lock's queue short, and a batch books all its buyers under one lock and one
/// commit: the busier the event, the larger the batches. When nobody else is waiting a batch holds one item and
/// runs at once, so a quiet key pays no delay. Items of different keys never wait for each other (docs/adr/0012).
/// </para>
/// <para>
/// An item waits at most <see cref="BatchQueueOptions.MaxWait"/> to be taken, then its caller gets
/// <see cref="ServiceBusyException"/> (503 with <c>Retry-After</c>). A caller who gives up before its item is taken
/// leaves the queue and the item never runs; once taken, the item runs to its end whatever the caller does, so that
/// one caller cannot abort a batch that carries others.
/// </para>
/// </summary>
internal sealed class KeyedBatchQueue<TKey, TItem, TOutcome>(
    IBatchExecutor<TKey, TItem, TOutcome> executor, IOptions<BatchQueueOptions> options, IBatchQueueObserver? observer = null)
    where TKey : notnull
{
    private readonly int _maxBatchSize = options.Value.MaxBatchSize;
    private readonly int _maxConcurrentBatches = options.Value.MaxConcurrentPerKey;
    private readonly TimeSpan _maxWait = options.Value.MaxWait;
    private readonly Dictionary<TKey, Lane> _lanes = [];

    /// <summary>Waits for a batch to take <paramref name="item"/>, and for that batch's outcome.</summary>
    public async Task<TOutcome> SubmitAsync(TKey key, TItem item, CancellationToken cancellationToken)
    {
        Entry entry;
        Lane? startFor = null;
        lock (_lanes)
        {
            if (!_lanes.TryGetValue(key, out var lane))
            {
                lane = new Lane();
                _lanes[key] = lane;
            }

            entry = new Entry(item, lane);
            lane.Waiting.Enqueue(entry);
            if (lane.Running < _maxConcurrentBatches)
            {
                lane.Running++;
                startFor = lane;
            }
        }

        observer?.QueuedChanged(1);

        if (startFor is not null)
        {
            _ = Task.Run(() => DrainAsync(key, startFor), CancellationToken.None);
        }

        try
        {
            return await entry.Outcome.Task.WaitAsync(_maxWait, cancellationToken);
        }
        catch (TimeoutException)
        {
            if (Withdraw(entry))
            {
                throw new ServiceBusyException(TimeSpan.FromSeconds(1));
            }

            // Already taken into a batch that is running: its outcome is on its way.
            return await entry.Outcome.Task.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Withdraw(entry);
            throw;
        }
    }

    /// <summary>Keys with items running or waiting right now (for tests: lanes do not pile up).</summary>
    internal int ActiveKeys
    {
        get
        {
            lock (_lanes)
            {
                return _lanes.Count;
            }
        }
    }

    /// <summary>Entries queued for <paramref name="key"/>, given up or not (for tests: the queue is compacted).</summary>
    internal int Queued(TKey key)
    {
        lock (_lanes)
        {
            return _lanes.TryGetValue(key, out var lane) ? lane.Waiting.Count : 0;
        }
    }

    /// <summary>Takes batches off the key's queue until it is empty; one of at most <c>MaxConcurrentPerKey</c> per key.</summary>
    private async Task DrainAsync(TKey key, Lane lane)
    {
        while (true)
        {
            var batch = new List<Entry>(Math.Min(_maxBatchSize, 64));
            lock (_lanes)
            {
                while (batch.Count < _maxBatchSize && lane.Waiting.TryDequeue(out var next))
                {
                    if (next.State == EntryState.Waiting)
                    {
                        next.State = EntryState.Taken;
                        batch.Add(next);
                    }
                    else
                    {
                        lane.Withdrawn--;
                    }
                }

                if (batch.Count > 0 && observer is not null)
                {
                    var now = Stopwatch.GetTimestamp();
                    foreach (var taken in batch)
                    {
                        observer.Taken(Stopwatch.GetElapsedTime(taken.Enqueued, now));
                    }

                    observer.QueuedChanged(-batch.Count);
                    observer.BatchStarted(batch.Count);
                }

                if (batch.Count == 0)
                {
                    if (--lane.Running == 0)
                    {
                        _lanes.Remove(key);
                    }

                    return;
                }
            }

            try
            {
                var outcomes = await executor.ExecuteAsync(key, batch.ConvertAll(e => e.Item));
                if (outcomes.Count != batch.Count)
                {
                    throw new InvalidOperationException($"A batch of {batch.Count} items returned {outcomes.Count} outcomes.");
                }

                for (var i = 0; i < batch.Count; i++)
                {
                    var outcome = outcomes[i];
                    if (outcome.IsCompletedSuccessfully)
                    {
                        batch[i].Outcome.TrySetResult(outcome.Result);
                    }
                    else
                    {
                        batch[i].Outcome.TrySetException(outcome.Exception?.InnerExceptions ?? [new InvalidOperationException("An item's outcome was not complete.")]);
                    }
                }
            }
            catch (Exception ex)
            {
                foreach (var entry in batch)
                {
                    entry.Outcome.TrySetException(ex);
                }
            }
        }
    }

    /// <summary>Takes a waiting entry out of the queue; false when a batch has already taken it.</summary>
    private bool Withdraw(Entry entry)
    {
        lock (_lanes)
        {
            if (entry.State != EntryState.Waiting)
            {
                return false;
            }

            // It stays in the queue until a batch skips it (a drain is running, because the queue is not empty),
            // unless withdrawn entries pile up behind a stalled batch: then the queue is rebuilt without them.
            entry.State = EntryState.Withdrawn;
            var lane = entry.Lane;
            if (++lane.Withdrawn > 64 && lane.Withdrawn > lane.Waiting.Count / 2)
            {
                var kept = lane.Waiting.Where(e => e.State == EntryState.Waiting).ToList();
                lane.Waiting.Clear();
                kept.ForEach(lane.Waiting.Enqueue);
                lane.Withdrawn = 0;
            }
        }

        observer?.QueuedChanged(-1);
        return true;
    }

    private enum EntryState
    {
        Waiting,
        Taken,
        Withdrawn,
    }

    private sealed class Entry(TItem item, Lane lane)
    {
        public TItem Item { get; } = item;

        public Lane Lane { get; } = lane;

        public long Enqueued { get; } = Stopwatch.GetTimestamp();

        public TaskCompletionSource<TOutcome> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Guarded by the lanes' lock.</summary>
        public EntryState State { get; set; }
    }

    /// <summary>One key's queue and its running drains; guarded by the lanes' lock.</summary>
    private sealed class Lane
    {
        public Queue<Entry> Waiting { get; } = new();

        public int Running { get; set; }

        /// <summary>Entries in <see cref="Waiting"/> whose callers gave up.</summary>
        public int Withdrawn { get; set; }
    }
}
