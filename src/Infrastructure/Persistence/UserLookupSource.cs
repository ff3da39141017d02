using EventBooking.Application.Auth;
using EventBooking.Domain.Users;
using EventBooking.Infrastructure.Concurrency;
using Npgsql;

namespace EventBooking.Infrastructure.Persistence;

/// <summary>
/// Users as the per-request caller check needs them (<see cref="CallerIdentity"/>), many ids in one query, shared across concurrent requests by a
/// <see cref="CoalescingLookup{TKey, TValue}"/>. Plain SQL rather than EF: it runs for every authenticated request.
/// The schema lets <c>role</c> be NULL (rows written by the old server may have one): it counts as the least
/// privilege, and one such row never fails the other requests sharing the query.
/// </summary>
internal sealed class UserLookupSource(NpgsqlDataSource dataSource) : ILookupSource<int, CallerIdentity>
{
    public async Task<IReadOnlyDictionary<int, CallerIdentity>> ReadAsync(IReadOnlyCollection<int> keys)
    {
        await using var command = dataSource.CreateCommand("SELECT id, email, name, COALESCE(role, $2) FROM users WHERE id = ANY($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = keys.ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = Roles.User });
        await using var reader = await command.ExecuteReaderAsync();
        var found = new Dictionary<int, CallerIdentity>(keys.Count);
        while (await reader.ReadAsync())
        {
            var id = reader.GetInt32(0);
            found[id] = new CallerIdentity(id, reader.GetString(1), reader.GetString(2), reader.GetString(3));
        }

        return found;
    }

    public bool IsRowError(Exception exception) => RowErrors.IsRowError(exception);
}
