using EventBooking.Application.Common.Paging;
using EventBooking.Application.Waitlist;
using EventBooking.Domain.Waitlist;
using Npgsql;

namespace EventBooking.Infrastructure.Persistence.ReadServices;

/// <summary>
/// The waiting list read in SQL (the tables are the ledger functions' alone; EF Core does not map them). Statuses are
/// as of the caller's clock: an offer past its expiry reads as expired before the worker has released its seat.
/// </summary>
internal sealed class WaitlistReadService(NpgsqlDataSource dataSource) : IWaitlistReadService
{
    private const string EntryColumns = """
        w.id, w.event_id, w.user_id, w.status, w.joined_at, w.offered_at, w.offer_expires_at, w.resolved_at, w.booking_id,
        CASE WHEN w.status = 'waiting' THEN (SELECT count(*)::int FROM waitlist_entries q
                                             WHERE q.event_id = w.event_id AND q.status = 'waiting' AND q.id <= w.id) END
        """;

    public async Task<WaitlistEntryResponse?> FindLatestAsync(int eventId, int userId, DateTime now, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $"SELECT {EntryColumns} FROM waitlist_entries w WHERE w.event_id = $1 AND w.user_id = $2 ORDER BY w.id DESC LIMIT 1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = eventId });
        command.Parameters.Add(new NpgsqlParameter { Value = userId });
        WaitlistEntryResponse entry;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            var status = WaitlistStatus.AsOf(reader.GetString(3), OptionalDate(reader, 6), now);
            entry = new WaitlistEntryResponse(
                reader.GetInt64(0),
                reader.GetInt32(1),
                status,
                status == WaitlistStatus.Waiting ? reader.GetInt32(9) : null,
                reader.GetDateTime(4),
                status == WaitlistStatus.Offered ? OptionalDate(reader, 6) : null,
                reader.IsDBNull(8) ? null : reader.GetString(8));
        }

        await using var history = new NpgsqlCommand(
            "SELECT action, actor_id, details::text, \"timestamp\" FROM waitlist_logs WHERE entry_id = $1 ORDER BY id", connection);
        history.Parameters.Add(new NpgsqlParameter { Value = entry.Id });
        var items = new List<WaitlistHistoryItem>();
        await using (var reader = await history.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                items.Add(new WaitlistHistoryItem(
                    reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetInt32(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetDateTime(3)));
            }
        }

        return entry with { History = items };
    }

    public async Task<EventWaitlistResponse> ListAsync(int eventId, int limit, int offset, DateTime now, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $"""
            SELECT {EntryColumns}, u.name, u.email, count(*) OVER ()
            FROM waitlist_entries w JOIN users u ON u.id = w.user_id
            WHERE w.event_id = $1
            ORDER BY CASE w.status WHEN 'offered' THEN 0 WHEN 'waiting' THEN 1 ELSE 2 END, w.id
            LIMIT $2 OFFSET $3
            """,
            connection);
        command.Parameters.Add(new NpgsqlParameter { Value = eventId });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        command.Parameters.Add(new NpgsqlParameter { Value = offset });
        var entries = new List<WaitlistAdminItem>();
        var total = 0;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var status = WaitlistStatus.AsOf(reader.GetString(3), OptionalDate(reader, 6), now);
                entries.Add(new WaitlistAdminItem(
                    reader.GetInt64(0),
                    reader.GetInt32(2),
                    reader.GetString(10),
                    reader.GetString(11),
                    status,
                    status == WaitlistStatus.Waiting ? reader.GetInt32(9) : null,
                    reader.GetDateTime(4),
                    OptionalDate(reader, 5),
                    OptionalDate(reader, 6),
                    OptionalDate(reader, 7),
                    reader.IsDBNull(8) ? null : reader.GetString(8)));
                total = (int)reader.GetInt64(12);
            }
        }

        if (entries.Count == 0 && offset > 0)
        {
            await using var count = new NpgsqlCommand("SELECT count(*)::int FROM waitlist_entries WHERE event_id = $1", connection);
            count.Parameters.Add(new NpgsqlParameter { Value = eventId });
            total = (int)(await count.ExecuteScalarAsync(cancellationToken))!;
        }

        return new EventWaitlistResponse(eventId, entries, total, Paging.HasMore(offset, entries.Count, total));
    }

    private static DateTime? OptionalDate(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetDateTime(ordinal);
}
