using EventBooking.Infrastructure.Concurrency;
using EventBooking.TestSupport;

namespace EventBooking.Infrastructure.IntegrationTests.Persistence;

/// <summary>Lookups shared across concurrent callers, never older than the call.</summary>
public sealed class CoalescingLookupTests
{
    [Fact]
    public async Task ReadAsync_WhenNothingRuns_ShouldQueryAtOnceForThatKeyAlone()
    {
        var database = new FakeTable();
        var reads = database.Reads();

        var value = await reads.ReadAsync(7, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal("row 7 (query 1)", value);
        Assert.Equal([[7]], database.Queries);
        await AssertIdleAsync(reads);
    }

    [Fact]
    public async Task ReadAsync_WhileAQueryRuns_ShouldJoinTheNextQuery_WhichReadsEveryKeyAskedMeanwhile()
    {
        var database = new FakeTable { Hold = true };
        var reads = database.Reads();
        var first = reads.ReadAsync(1, CancellationToken.None);
        await database.WaitForQueriesAsync(1);

        // Asked after query 1 began: none of them may be answered from it, not even key 1.
        List<int> keys = [1, 2, 3, 2];
        var later = keys.Select(k => reads.ReadAsync(k, CancellationToken.None)).ToList();
        Assert.DoesNotContain(later, t => t.IsCompleted);
        database.Release();
        var values = await Task.WhenAll(later).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal("row 1 (query 1)", await first);
        Assert.Equal("row 1 (query 2)|row 2 (query 2)|row 3 (query 2)|row 2 (query 2)", string.Join('|', values));
        Assert.Equal(["1", "1,2,3"], database.Queries.Select(q => string.Join(',', q.Order())));
        await AssertIdleAsync(reads);
    }

    [Fact]
    public async Task ReadAsync_WhenTheKeyIsNotThere_ShouldAnswerNull()
    {
        var database = new FakeTable { Missing = 404 };
        var reads = database.Reads();

        Assert.Null(await reads.ReadAsync(404, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task ReadAsync_WhenTheDatabaseFails_ShouldFailEveryCallerOfThatQuery_WithoutMoreQueries_AndGoOnWithTheNext()
    {
        var database = new FakeTable { Hold = true, FailQuery = 2 };
        var reads = database.Reads();
        var first = reads.ReadAsync(1, CancellationToken.None);
        await database.WaitForQueriesAsync(1);
        var failing = new[] { reads.ReadAsync(2, CancellationToken.None), reads.ReadAsync(3, CancellationToken.None) };
        database.Release();

        Assert.Equal("row 1 (query 1)", await first.WaitAsync(TimeSpan.FromSeconds(5)));
        await Assert.ThrowsAsync<TimeoutException>(() => failing[0].WaitAsync(TimeSpan.FromSeconds(5)));
        await Assert.ThrowsAsync<TimeoutException>(() => failing[1].WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(2, database.Queries.Count);
        Assert.Equal("row 4 (query 3)", await reads.ReadAsync(4, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5)));
        await AssertIdleAsync(reads);
    }

    [Fact]
    public async Task ReadAsync_WhenOneRowCannotBeRead_ShouldFailOnlyItsCallers()
    {
        var database = new FakeTable { Hold = true, BadRow = 13 };
        var reads = database.Reads();
        var first = reads.ReadAsync(1, CancellationToken.None);
        await database.WaitForQueriesAsync(1);
        List<int> keys = [12, 13, 14];
        var sharing = keys.Select(k => reads.ReadAsync(k, CancellationToken.None)).ToList();
        database.Release();

        await first.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.StartsWith("row 12 (", await sharing[0].WaitAsync(TimeSpan.FromSeconds(5)));
        await Assert.ThrowsAsync<InvalidCastException>(() => sharing[1].WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.StartsWith("row 14 (", await sharing[2].WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(["1", "12,13,14", "12", "13", "14"], database.Queries.Select(q => string.Join(',', q.Order())).Take(2).Concat(database.Queries.Skip(2).Select(q => string.Join(',', q)).Order()));
        await AssertIdleAsync(reads);
    }

    [Fact]
    public async Task ReadAsync_WhenACallerGivesUp_ShouldStopItsWaitOnly_NotTheSharedQuery()
    {
        var database = new FakeTable { Hold = true };
        var reads = database.Reads();
        using var giveUp = new CancellationTokenSource();
        var quitter = reads.ReadAsync(1, giveUp.Token);
        await database.WaitForQueriesAsync(1);
        var stayer = reads.ReadAsync(1, CancellationToken.None);

        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => quitter);
        database.Release();

        Assert.Equal("row 1 (query 2)", await stayer.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(2, database.Queries.Count);
        await AssertIdleAsync(reads);
    }

    [Fact]
    public async Task ReadAsync_UnderLoad_ShouldAnswerEveryCallerWithItsOwnKey_InFewerQueriesThanCalls()
    {
        var database = new FakeTable { Delay = TimeSpan.FromMilliseconds(2) };
        var reads = database.Reads();

        var values = await Task.WhenAll(Enumerable.Range(0, 500).Select(i =>
            Task.Run(() => reads.ReadAsync(i % 50, CancellationToken.None))));

        Assert.All(values.Select((v, i) => (v, i)), x => Assert.StartsWith($"row {x.i % 50} (", x.v));
        Assert.InRange(database.Queries.Count, 1, 499);
        await AssertIdleAsync(reads);
    }

    /// <summary>The runner hands out a result before it looks for the next batch: give it a moment to stop.</summary>
    private static Task AssertIdleAsync(CoalescingLookup<int, string> reads) =>
        Eventually.WaitUntilAsync(() => !reads.Running, "the runner is still running");

    /// <summary>Answers "row K (query N)" for every key but <see cref="Missing"/>; can hold, delay or fail queries.</summary>
    private sealed class FakeTable
    {
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly List<int[]> _queries = [];

        public bool Hold { get; init; }

        public TimeSpan Delay { get; init; }

        public int? Missing { get; init; }

        public int? FailQuery { get; init; }

        public int? BadRow { get; init; }

        public IReadOnlyList<int[]> Queries
        {
            get
            {
                lock (_queries)
                {
                    return [.. _queries];
                }
            }
        }

        public CoalescingLookup<int, string> Reads() => new(new Source(this));

        public void Release() => _release.TrySetResult();

        public Task WaitForQueriesAsync(int count) =>
            Eventually.WaitUntilAsync(() => Queries.Count >= count, $"fewer than {count} queries started");

        internal async Task<IReadOnlyDictionary<int, string>> QueryAsync(IReadOnlyCollection<int> keys)
        {
            int number;
            lock (_queries)
            {
                _queries.Add([.. keys]);
                number = _queries.Count;
            }

            if (Hold)
            {
                await _release.Task;
            }

            if (Delay > TimeSpan.Zero)
            {
                await Task.Delay(Delay);
            }

            if (number == FailQuery)
            {
                throw new TimeoutException("query failed");
            }

            if (BadRow is { } bad && keys.Contains(bad))
            {
                throw new InvalidCastException($"row {bad} cannot be read");
            }

            return keys.Where(k => k != Missing).ToDictionary(k => k, k => $"row {k} (query {number})");
        }
    }

    private sealed class Source(FakeTable table) : ILookupSource<int, string>
    {
        public Task<IReadOnlyDictionary<int, string>> ReadAsync(IReadOnlyCollection<int> keys) => table.QueryAsync(keys);

        /// <summary>A cast error is what a row that cannot be read raises; anything else is the database's.</summary>
        public bool IsRowError(Exception exception) => exception is InvalidCastException;
    }
}
