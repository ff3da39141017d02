using EventBooking.Application.Bookings;
using EventBooking.Application.Common.Exceptions;

namespace EventBooking.Infrastructure.Persistence;

/// <summary>One booking waiting for its turn: who books, under which booking id.</summary>
internal readonly record struct PendingBooking(int UserId, string BookingId);

/// <summary>
/// Per-event admission control and batching for bookings. Buyers of one event queue here, in arrival
/// order, holding neither a database connection nor a thread; at most <c>maxConcurrentBatches</c> database
/// calls per event run at once from this instance, and each takes up to <c>maxBatchSize</c> of the waiting
/// bookings with it.
/// <para>
/// Every booking of an event takes that event's row lock and holds it until its commit is flushed to disk,
/// so one event sells at most one booking per commit, and the lock's queue gets slower the longer it is
/// (pgbench here: ~3,000 bookings/s at 8 clients, ~1,200 at 64, ~450 at 256). Queueing in the API keeps the
/// lock's queue short, and a batch books all its buyers under one lock, in one transaction with one commit:
/// the busier the event, the larger the batches, the fewer commits per booking. When nobody else is
/// waiting a batch holds one booking and runs at once, so a quiet event pays no delay for batching.
/// Bookings of different events never wait for each other.
/// </para>
/// <para>
/// A buyer waits at most <c>maxWait</c> to be taken into a batch, then gets <see cref="ServiceBusyException"/>
/// (503 with <c>Retry-After</c>): with the database stalled, a queue must not grow for as long as clients keep
/// their connections open. A buyer who gives up (timeout or cancelled request) before being taken leaves the
/// queue and is never booked; once taken, the booking runs to its end whatever the request does, so that one
/// caller cannot abort a transaction that books others.
/// </para>
/// </summary>
internal sealed class BookingBatcher(int maxBatchSize, int maxConcurrentBatches, TimeSpan maxWait, BookingBatcher.Executor execute)
{
    /// <summary>
    /// Books <paramref name="bookings"/> for <paramref name="eventId"/> and returns one completed task per
    /// booking, in the same order: its outcome, or the exception that belongs to that booking alone. An
    /// exception thrown by the executor itself fails every booking of the batch.
    /// </summary>
    public delegate Task<IReadOnlyList<Task<BookingAttempt>>> Executor(int eventId, IReadOnlyList<PendingBooking> bookings);

    private readonly Dictionary<int, Lane> _lanes = [];

    /// <summary>Waits for a batch to take <paramref name="booking"/>, and for that batch's outcome.</summary>
    public async Task<BookingAttempt> SubmitAsync(int eventId, PendingBooking booking, CancellationToken cancellationToken)
    {
        Entry entry;
        Lane? startFor = null;
        lock (_lanes)
        {
            if (!_lanes.TryGetValue(eventId, out var lane))
            {
                lane = new Lane();
                _lanes[eventId] = lane;
            }

            entry = new Entry(booking, lane);
            lane.Waiting.Enqueue(entry);
            if (lane.Running < maxConcurrentBatches)
            {
                lane.Running++;
                startFor = lane;
            }
        }

        if (startFor is not null)
        {
            _ = Task.Run(() => DrainAsync(eventId, startFor), CancellationToken.None);
        }

        try
        {
            return await entry.Outcome.Task.WaitAsync(maxWait, cancellationToken);
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

    /// <summary>Events with bookings running or waiting right now (for tests: lanes do not pile up).</summary>
    internal int ActiveEvents
    {
        get
        {
            lock (_lanes)
            {
                return _lanes.Count;
            }
        }
    }

    /// <summary>Entries queued for <paramref name="eventId"/>, given up or not (for tests: the queue is compacted).</summary>
    internal int Queued(int eventId)
    {
        lock (_lanes)
        {
            return _lanes.TryGetValue(eventId, out var lane) ? lane.Waiting.Count : 0;
        }
    }

    /// <summary>Takes batches off the event's queue until it is empty; one of at most <c>maxConcurrentBatches</c> per event.</summary>
    private async Task DrainAsync(int eventId, Lane lane)
    {
        while (true)
        {
            var batch = new List<Entry>(Math.Min(maxBatchSize, 64));
            lock (_lanes)
            {
                while (batch.Count < maxBatchSize && lane.Waiting.TryDequeue(out var next))
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

                if (batch.Count == 0)
                {
                    if (--lane.Running == 0)
                    {
                        _lanes.Remove(eventId);
                    }

                    return;
                }
            }

            try
            {
                var outcomes = await execute(eventId, batch.ConvertAll(e => e.Booking));
                if (outcomes.Count != batch.Count)
                {
                    throw new InvalidOperationException($"A batch of {batch.Count} bookings returned {outcomes.Count} outcomes.");
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
                        batch[i].Outcome.TrySetException(outcome.Exception?.InnerExceptions ?? [new InvalidOperationException("A booking outcome was not complete.")]);
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

            return true;
        }
    }

    private enum EntryState
    {
        Waiting,
        Taken,
        Withdrawn,
    }

    private sealed class Entry(PendingBooking booking, Lane lane)
    {
        public PendingBooking Booking { get; } = booking;

        public Lane Lane { get; } = lane;

        public TaskCompletionSource<BookingAttempt> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Guarded by the lanes' lock.</summary>
        public EntryState State { get; set; }
    }

    /// <summary>One event's queue and its running drains; guarded by the lanes' lock.</summary>
    private sealed class Lane
    {
        public Queue<Entry> Waiting { get; } = new();

        public int Running { get; set; }

        /// <summary>Entries in <see cref="Waiting"/> whose callers gave up.</summary>
        public int Withdrawn { get; set; }
    }
}
