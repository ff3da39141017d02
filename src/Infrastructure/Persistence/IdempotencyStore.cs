using EventBooking.Application.Common.Idempotency;
using Npgsql;
using NpgsqlTypes;

namespace EventBooking.Infrastructure.Persistence;

/// <summary>
/// Idempotency keys in <c>idempotency_keys</c> (ADR 0008). A key in progress names the instance running it
/// (<see cref="InstanceLease"/>): a retry that finds the key in progress takes it over at once when that instance's
/// lease is gone (the instance died mid-request, and PostgreSQL released its lock with its connection), else after
/// <see cref="AbandonedAfter"/>.
/// </summary>
internal sealed class IdempotencyStore(NpgsqlDataSource dataSource, InstanceLease lease, TimeProvider clock) : IIdempotencyStore
{
    /// <summary>A request still "in progress" after this long died with its process, whatever its lease says; its key may be reused.</summary>
    private static readonly TimeSpan AbandonedAfter = TimeSpan.FromMinutes(2);

    public async Task<IdempotencyClaim> ClaimAsync(int userId, string key, string requestHash, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);

        // Insert, or take over an expired or abandoned row (its instance's lease is gone, or it is too old). Two requests
        // racing with one key: the unique key makes the second wait for the first's insert, then find it in progress.
        await using (var claim = new NpgsqlCommand(
            """
            INSERT INTO idempotency_keys (user_id, key, request_hash, status, created_at, expires_at, owner_instance)
            VALUES ($1, $2, $3, 'in_progress', $4, $5, $7)
            ON CONFLICT (user_id, key) DO UPDATE
            SET request_hash = EXCLUDED.request_hash, status = 'in_progress', response_status = NULL,
                response_body = NULL, created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at,
                owner_instance = EXCLUDED.owner_instance
            WHERE idempotency_keys.expires_at <= $4
               OR (idempotency_keys.status = 'in_progress'
                   AND (idempotency_keys.created_at <= $6
                        OR (idempotency_keys.owner_instance IS NOT NULL AND NOT EXISTS (
                            SELECT 1 FROM pg_locks l
                            WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
                              AND l.database = (SELECT d.oid FROM pg_database d WHERE d.datname = current_database())
                              AND l.classid = $8::oid AND l.objid = idempotency_keys.owner_instance::oid))))
            RETURNING 1
            """,
            connection))
        {
            claim.Parameters.AddRange(Values(userId, key, requestHash, Db(now), Db(now + IIdempotencyStore.Lifetime), Db(now - AbandonedAfter)));
            claim.Parameters.Add(new NpgsqlParameter { Value = lease.HeldId is { } owner ? owner : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer });
            claim.Parameters.Add(new NpgsqlParameter { Value = InstanceLease.LockClass });
            if (await claim.ExecuteScalarAsync(cancellationToken) is not null)
            {
                return new IdempotencyClaim(IdempotencyClaimState.Claimed);
            }
        }

        await using var existing = new NpgsqlCommand(
            "SELECT request_hash, status, response_status, response_body FROM idempotency_keys WHERE user_id = $1 AND key = $2",
            connection);
        existing.Parameters.AddRange(Values(userId, key));
        await using var reader = await existing.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            // Released between our two statements: treat as in progress; the client's retry will claim it.
            return new IdempotencyClaim(IdempotencyClaimState.InProgress);
        }

        if (reader.GetString(0) != requestHash)
        {
            return new IdempotencyClaim(IdempotencyClaimState.DifferentRequest);
        }

        return reader.GetString(1) == "completed"
            ? new IdempotencyClaim(IdempotencyClaimState.Completed, reader.GetInt32(2), reader.GetString(3))
            : new IdempotencyClaim(IdempotencyClaimState.InProgress);
    }

    public async Task CompleteAsync(int userId, string key, int statusCode, string responseBody, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            UPDATE idempotency_keys SET status = 'completed', response_status = $3, response_body = $4
            WHERE user_id = $1 AND key = $2
            """);
        command.Parameters.AddRange(Values(userId, key, statusCode, responseBody));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task ReleaseAsync(int userId, string key, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "DELETE FROM idempotency_keys WHERE user_id = $1 AND key = $2 AND status = 'in_progress'");
        command.Parameters.AddRange(Values(userId, key));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Deletes expired keys; returns how many.</summary>
    public async Task<int> DeleteExpiredAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM idempotency_keys WHERE expires_at <= $1");
        command.Parameters.AddRange(Values(Db(clock.GetUtcNow().UtcDateTime)));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static DateTime Db(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Unspecified);

    private static NpgsqlParameter[] Values(params object[] values) =>
        values.Select(v => new NpgsqlParameter { Value = v }).ToArray();
}
