namespace EventBooking.Infrastructure.Concurrency;

/// <summary>Where a <see cref="CoalescingLookup{TKey, TValue}"/> reads its values: many keys in one query.</summary>
internal interface ILookupSource<TKey, TValue>
    where TKey : notnull
{
    /// <summary>The values found for <paramref name="keys"/>; a key without a row is simply absent.</summary>
    Task<IReadOnlyDictionary<TKey, TValue>> ReadAsync(IReadOnlyCollection<TKey> keys);

    /// <summary>
    /// Whether <paramref name="exception"/> belongs to one row (it cannot be turned into a value) rather than to the
    /// query (the database is gone): a row error makes each key be read again on its own.
    /// </summary>
    bool IsRowError(Exception exception);
}

/// <summary>
/// Lets concurrent lookups share database queries without ever answering a caller with data read before
/// it asked. At most one query runs at a time; the keys asked for while it runs are collected, and the
/// next query, which starts as soon as the running one ends, reads all of them at once. A lone caller's
/// query starts at once; the busier the server, the more keys each query serves.
/// <para>
/// Why: every authenticated request re-reads its user (role changes and deletions count from the next
/// request), and every booking loads its event. Under load these are thousands of tiny queries per
/// second, each a round trip and a wake-up on both sides; batched, the hot event measured ~1.7x more
/// bookings/s (docs/performance.md). Unlike a cache, nothing outlives a query: a caller always gets a
/// result read after its call began.
/// </para>
/// <para>
/// A query runs on behalf of several callers, so one caller giving up does not cancel it (that caller
/// just stops waiting). When it fails, <see cref="ILookupSource{TKey, TValue}.IsRowError"/> decides: an error that belongs to a row (one that
/// cannot be read) makes each key be read again on its own, so only the callers of that row see it; any
/// other error (the database is gone) goes to every caller that shared the query, without more queries.
/// Values are shared too, so they must be immutable (an <c>EventSnapshot</c>, a <c>CallerIdentity</c>), never an aggregate.
/// </para>
/// </summary>
internal sealed class CoalescingLookup<TKey, TValue>(ILookupSource<TKey, TValue> source)
    where TKey : notnull
    where TValue : class
{
    private readonly Lock _gate = new();
    private Batch? _next;
    private bool _running;

    /// <summary>The value for <paramref name="key"/>, or null when the database has none.</summary>
    public async Task<TValue?> ReadAsync(TKey key, CancellationToken cancellationToken)
    {
        Batch batch;
        var start = false;
        lock (_gate)
        {
            if (!_running)
            {
                _running = true;
                batch = new Batch();
                start = true;
            }
            else
            {
                // The running query may have started before this call: join the next one.
                batch = _next ??= new Batch();
            }

            batch.Keys.Add(key);
        }

        if (start)
        {
            _ = RunAsync(batch);
        }

        var outcome = await batch.Result.Task.WaitAsync(cancellationToken);
        if (outcome.Failures?.TryGetValue(key, out var failure) == true)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }

        return outcome.Values.GetValueOrDefault(key);
    }

    /// <summary>Whether a query is running (for tests: nothing is left behind).</summary>
    internal bool Running
    {
        get
        {
            lock (_gate)
            {
                return _running;
            }
        }
    }

    private async Task RunAsync(Batch batch)
    {
        while (true)
        {
            // Nobody adds keys to a batch once it runs: new callers join _next.
            try
            {
                batch.Result.TrySetResult(new Outcome(await source.ReadAsync(batch.Keys), null));
            }
            catch (Exception ex) when (batch.Keys.Count > 1 && source.IsRowError(ex))
            {
                batch.Result.TrySetResult(await ReadOneByOneAsync(batch.Keys));
            }
            catch (Exception ex)
            {
                batch.Result.TrySetException(ex);
            }

            lock (_gate)
            {
                if (_next is null)
                {
                    _running = false;
                    return;
                }

                batch = _next;
                _next = null;
            }
        }
    }

    private async Task<Outcome> ReadOneByOneAsync(HashSet<TKey> keys)
    {
        var values = new Dictionary<TKey, TValue>(keys.Count);
        var failures = new Dictionary<TKey, Exception>();
        foreach (var key in keys)
        {
            try
            {
                foreach (var (found, value) in await source.ReadAsync([key]))
                {
                    values[found] = value;
                }
            }
            catch (Exception ex)
            {
                failures[key] = ex;
            }
        }

        return new Outcome(values, failures);
    }

    private sealed record Outcome(IReadOnlyDictionary<TKey, TValue> Values, IReadOnlyDictionary<TKey, Exception>? Failures);

    private sealed class Batch
    {
        public HashSet<TKey> Keys { get; } = [];

        public TaskCompletionSource<Outcome> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
