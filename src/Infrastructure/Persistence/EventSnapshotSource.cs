using EventBooking.Domain.Events;
using EventBooking.Infrastructure.Concurrency;
using Npgsql;

namespace EventBooking.Infrastructure.Persistence;

/// <summary>
/// Events as bookings judge them, many ids in one query: the event load of every booking, shared across
/// concurrent requests by a <see cref="CoalescingLookup{TKey, TValue}"/>. Plain SQL: it runs for every booking,
/// and an immutable snapshot needs no tracking.
/// </summary>
internal sealed class EventSnapshotSource(NpgsqlDataSource dataSource) : ILookupSource<int, EventSnapshot>
{
    public async Task<IReadOnlyDictionary<int, EventSnapshot>> ReadAsync(IReadOnlyCollection<int> keys)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT id, name, event_date, seat_capacity, available_seats, created_by FROM events WHERE id = ANY($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = keys.ToArray() });
        await using var reader = await command.ExecuteReaderAsync();
        var found = new Dictionary<int, EventSnapshot>(keys.Count);
        while (await reader.ReadAsync())
        {
            var id = reader.GetInt32(0);
            found[id] = new EventSnapshot(
                id,
                reader.GetString(1),
                DateTime.SpecifyKind(reader.GetDateTime(2), DateTimeKind.Utc),
                reader.GetInt32(3),
                reader.GetInt32(4),
                reader.IsDBNull(5) ? null : reader.GetInt32(5));
        }

        return found;
    }

    public bool IsRowError(Exception exception) => RowErrors.IsRowError(exception);
}
