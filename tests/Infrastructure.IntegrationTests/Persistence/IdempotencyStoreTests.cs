using EventBooking.Application.Common.Idempotency;
using EventBooking.Infrastructure.IntegrationTests.Support;
using EventBooking.Infrastructure.Persistence;
using EventBooking.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace EventBooking.Infrastructure.IntegrationTests.Persistence;

public sealed class IdempotencyStoreTests(DatabaseFixture database) : DatabaseTest(database)
{
    private IIdempotencyStore Store => Database.Services.GetRequiredService<IIdempotencyStore>();

    [Fact]
    public async Task ClaimAsync_ForANewKey_ShouldClaimItInProgress()
    {
        var userId = await InsertUserAsync("john@example.com");

        var claim = await Store.ClaimAsync(userId, "key-1", "hash-a", CancellationToken.None);

        Assert.Equal(IdempotencyClaimState.Claimed, claim.State);
        Assert.Equal("in_progress", await ScalarAsync<string>("SELECT status FROM idempotency_keys"));
        Assert.True(await ScalarAsync<bool>(
            "SELECT expires_at BETWEEN timezone('utc', now()) + interval '23 hours' AND timezone('utc', now()) + interval '25 hours' FROM idempotency_keys"));
    }

    [Fact]
    public async Task ClaimAsync_WhileTheFirstRequestRuns_ShouldSayInProgress()
    {
        var userId = await InsertUserAsync("john@example.com");
        await Store.ClaimAsync(userId, "key-1", "hash-a", CancellationToken.None);

        Assert.Equal(IdempotencyClaimState.InProgress, (await Store.ClaimAsync(userId, "key-1", "hash-a", CancellationToken.None)).State);
    }

    [Fact]
    public async Task ClaimAsync_AfterCompletion_ShouldReturnTheStoredAnswer()
    {
        var userId = await InsertUserAsync("john@example.com");
        await Store.ClaimAsync(userId, "key-1", "hash-a", CancellationToken.None);
        await Store.CompleteAsync(userId, "key-1", 201, """{"success":true}""", CancellationToken.None);

        var claim = await Store.ClaimAsync(userId, "key-1", "hash-a", CancellationToken.None);

        Assert.Equal(new IdempotencyClaim(IdempotencyClaimState.Completed, 201, """{"success":true}"""), claim);
    }

    [Fact]
    public async Task ClaimAsync_WithADifferentBody_ShouldSayDifferentRequest()
    {
        var userId = await InsertUserAsync("john@example.com");
        await Store.ClaimAsync(userId, "key-1", "hash-a", CancellationToken.None);

        Assert.Equal(IdempotencyClaimState.DifferentRequest, (await Store.ClaimAsync(userId, "key-1", "hash-b", CancellationToken.None)).State);
    }

    [Fact]
    public async Task ClaimAsync_KeysArePerUser()
    {
        var john = await InsertUserAsync("john@example.com");
        var jane = await InsertUserAsync("jane@example.com");
        await Store.ClaimAsync(john, "shared", "hash-a", CancellationToken.None);

        Assert.Equal(IdempotencyClaimState.Claimed, (await Store.ClaimAsync(jane, "shared", "hash-b", CancellationToken.None)).State);
    }

    [Fact]
    public async Task ClaimAsync_WhenTheKeyExpired_ShouldClaimItAfresh()
    {
        var userId = await InsertUserAsync("john@example.com");
        await Store.ClaimAsync(userId, "key-1", "hash-a", CancellationToken.None);
        await Store.CompleteAsync(userId, "key-1", 201, "{}", CancellationToken.None);
        await ExecuteAsync("UPDATE idempotency_keys SET expires_at = timezone('utc', now()) - interval '1 second'");

        var claim = await Store.ClaimAsync(userId, "key-1", "hash-b", CancellationToken.None);

        Assert.Equal(IdempotencyClaimState.Claimed, claim.State);
        Assert.Equal("hash-b", await ScalarAsync<string>("SELECT request_hash FROM idempotency_keys"));
    }

    [Fact]
    public async Task ClaimAsync_WhenAnInProgressRequestWasAbandoned_ShouldLetTheRetryTakeOver()
    {
        var userId = await InsertUserAsync("john@example.com");
        await Store.ClaimAsync(userId, "key-1", "hash-a", CancellationToken.None);
        await ExecuteAsync("UPDATE idempotency_keys SET created_at = created_at - interval '10 minutes'");

        Assert.Equal(IdempotencyClaimState.Claimed, (await Store.ClaimAsync(userId, "key-1", "hash-a", CancellationToken.None)).State);
    }

    [Fact]
    public async Task ClaimAsync_ShouldNameThisInstance_WhoseLeaseIsHeldInPostgreSql()
    {
        var userId = await InsertUserAsync("john@example.com");
        var lease = await HeldLeaseAsync();

        await Store.ClaimAsync(userId, "key-1", "hash-a", CancellationToken.None);

        Assert.Equal(lease.Id, await ScalarAsync<int>("SELECT owner_instance FROM idempotency_keys"));
        Assert.Equal(1L, await ScalarAsync<long>(
            $"SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND classid = {InstanceLease.LockClass} AND objid = {lease.Id} AND objsubid = 2"));
    }

    [Fact]
    public async Task ClaimAsync_WhenTheInstanceRunningTheKeyIsAlive_ShouldSayInProgress()
    {
        var userId = await InsertUserAsync("john@example.com");
        await using var otherInstance = await HoldLeaseAsync(OtherInstance);
        await Store.ClaimAsync(userId, "key-1", "hash-a", CancellationToken.None);
        await ExecuteAsync($"UPDATE idempotency_keys SET owner_instance = {OtherInstance}");

        Assert.Equal(IdempotencyClaimState.InProgress, (await Store.ClaimAsync(userId, "key-1", "hash-a", CancellationToken.None)).State);
    }

    [Fact]
    public async Task ClaimAsync_WhenTheInstanceRunningTheKeyDied_ShouldLetTheRetryTakeOverAtOnce()
    {
        var userId = await InsertUserAsync("john@example.com");
        var otherInstance = await HoldLeaseAsync(OtherInstance);
        await Store.ClaimAsync(userId, "key-1", "hash-a", CancellationToken.None);
        await ExecuteAsync($"UPDATE idempotency_keys SET owner_instance = {OtherInstance}");

        await otherInstance.DisposeAsync(); // its process died: PostgreSQL ends the session and releases the lock

        // The backend ends a moment after the socket closes, not before DisposeAsync returns: the claim is
        // "at once" from the lock's release, which is what this waits for (asserting earlier failed CI once).
        await Eventually.WaitUntilAsync(
            async () => await ScalarAsync<long>(
                $"SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND classid = {InstanceLease.LockClass} AND objid = {OtherInstance}::oid") == 0,
            "PostgreSQL did not release the dead instance's lease within 5 s");

        var lease = await HeldLeaseAsync();
        Assert.Equal(IdempotencyClaimState.Claimed, (await Store.ClaimAsync(userId, "key-1", "hash-a", CancellationToken.None)).State);
        Assert.Equal(lease.Id, await ScalarAsync<int>("SELECT owner_instance FROM idempotency_keys"));
    }

    [Fact]
    public async Task ClaimAsync_WhenTheKeysInstanceHadNoLease_ShouldWaitForTheTimeOut()
    {
        var userId = await InsertUserAsync("john@example.com");
        await Store.ClaimAsync(userId, "key-1", "hash-a", CancellationToken.None);
        await ExecuteAsync("UPDATE idempotency_keys SET owner_instance = NULL");

        Assert.Equal(IdempotencyClaimState.InProgress, (await Store.ClaimAsync(userId, "key-1", "hash-a", CancellationToken.None)).State);
    }

    [Fact]
    public async Task ReleaseAsync_ShouldForgetTheKeySoARetryRunsAgain()
    {
        var userId = await InsertUserAsync("john@example.com");
        await Store.ClaimAsync(userId, "key-1", "hash-a", CancellationToken.None);

        await Store.ReleaseAsync(userId, "key-1", CancellationToken.None);

        Assert.Equal(IdempotencyClaimState.Claimed, (await Store.ClaimAsync(userId, "key-1", "hash-a", CancellationToken.None)).State);
    }

    [Fact]
    public async Task ClaimAsync_WhenTwentyRaceForOneKey_ShouldLetExactlyOneClaimIt()
    {
        var userId = await InsertUserAsync("john@example.com");
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var claims = Enumerable.Range(0, 20).Select(async _ =>
        {
            await gate.Task;
            return await Store.ClaimAsync(userId, "race", "hash-a", CancellationToken.None);
        }).ToList();
        gate.SetResult();
        var results = await Task.WhenAll(claims);

        Assert.Equal(1, results.Count(c => c.State == IdempotencyClaimState.Claimed));
        Assert.Equal(19, results.Count(c => c.State == IdempotencyClaimState.InProgress));
    }

    [Fact]
    public async Task DeleteExpiredAsync_ShouldRemoveOnlyExpiredKeys()
    {
        var userId = await InsertUserAsync("john@example.com");
        await Store.ClaimAsync(userId, "old", "h", CancellationToken.None);
        await Store.ClaimAsync(userId, "fresh", "h", CancellationToken.None);
        await ExecuteAsync("UPDATE idempotency_keys SET expires_at = timezone('utc', now()) - interval '1 minute' WHERE key = 'old'");

        var deleted = await Database.Services.GetRequiredService<IdempotencyStore>().DeleteExpiredAsync(CancellationToken.None);

        Assert.Equal(1, deleted);
        Assert.Equal("fresh", await ScalarAsync<string>("SELECT key FROM idempotency_keys"));
    }

    /// <summary>An id no lease of this test run takes (leases are random, from 1 to int.MaxValue - 1).</summary>
    private const int OtherInstance = int.MaxValue;

    /// <summary>The fixture's own lease (the fixture is no host: the test starts it), once its connection holds it.</summary>
    private async Task<InstanceLease> HeldLeaseAsync()
    {
        var lease = Database.Services.GetRequiredService<InstanceLease>();
        if (lease.ExecuteTask is null)
        {
            await lease.StartAsync(CancellationToken.None);
        }

        await Eventually.WaitUntilAsync(() => lease.HeldId is not null, "the instance lease was not taken within 5 s");
        return lease;
    }

    /// <summary>Another instance's lease: its lock, held on a connection of its own until disposed.</summary>
    private async Task<NpgsqlConnection> HoldLeaseAsync(int instanceId)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Database.ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT pg_advisory_lock({InstanceLease.LockClass}, {instanceId})", connection);
        await command.ExecuteNonQueryAsync();
        return connection;
    }
}
