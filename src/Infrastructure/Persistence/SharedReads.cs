using EventBooking.Application.Auth;
using EventBooking.Domain.Events;
using EventBooking.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace EventBooking.Infrastructure.Persistence;

/// <summary>
/// The two lookups every request of a sell-out makes, batched across concurrent requests
/// (<see cref="BatchedReads{TKey, TValue}"/>): the per-request user check and the event a booking is
/// judged against. One per process; each event query runs on a context of its own scope (configured as
/// every other), not on one request's scoped context.
/// </summary>
internal sealed class SharedReads
{
    private static readonly Func<EventBookingDbContext, int[], IAsyncEnumerable<Event>> EventsById =
        EF.CompileAsyncQuery((EventBookingDbContext context, int[] ids) =>
            context.Events.AsNoTracking().Where(e => ids.Contains(e.Id)));

    private readonly NpgsqlDataSource _dataSource;
    private readonly IServiceScopeFactory _scopes;

    public SharedReads(NpgsqlDataSource dataSource, IServiceScopeFactory scopes)
    {
        _dataSource = dataSource;
        _scopes = scopes;
        Events = new BatchedReads<int, Event>(ReadEventsAsync, IsRowError);
        Users = new BatchedReads<int, AuthUserResponse>(ReadUsersAsync, IsRowError);
    }

    /// <summary>Events by id, untracked; shared by the callers of one batch, so read-only.</summary>
    public BatchedReads<int, Event> Events { get; }

    /// <summary>Users by id, as the per-request user check needs them.</summary>
    public BatchedReads<int, AuthUserResponse> Users { get; }

    /// <summary>
    /// Plain SQL rather than EF: it runs for every authenticated request, and a record needs no tracking or
    /// mapping. The schema lets <c>role</c> be NULL (rows written by the old server may have one): it counts as
    /// the least privilege, and one such row never fails the other requests sharing the query.
    /// </summary>
    private async Task<IReadOnlyDictionary<int, AuthUserResponse>> ReadUsersAsync(IReadOnlyCollection<int> ids)
    {
        await using var command = _dataSource.CreateCommand("SELECT id, email, name, COALESCE(role, $2) FROM users WHERE id = ANY($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = ids.ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = Roles.User });
        await using var reader = await command.ExecuteReaderAsync();
        var found = new Dictionary<int, AuthUserResponse>(ids.Count);
        while (await reader.ReadAsync())
        {
            var id = reader.GetInt32(0);
            found[id] = new AuthUserResponse(id, reader.GetString(1), reader.GetString(2), reader.GetString(3));
        }

        return found;
    }

    /// <summary>
    /// A row that cannot be turned into its value (a NULL where the model has none): Npgsql reports it as a
    /// cast error, EF as an invalid operation. EF also wraps transient database failures in an invalid
    /// operation, so one with a database exception inside (or a disposed object, at shutdown) is not a row
    /// error: during an outage a batch must fail once, not once per key.
    /// </summary>
    internal static bool IsRowError(Exception ex)
    {
        if (ex is InvalidCastException)
        {
            return true;
        }

        if (ex is not InvalidOperationException || ex is ObjectDisposedException)
        {
            return false;
        }

        for (var inner = ex.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is System.Data.Common.DbException or TimeoutException or System.Net.Sockets.SocketException)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A compiled EF query: an <see cref="Event"/> is materialised through its private constructor.</summary>
    private async Task<IReadOnlyDictionary<int, Event>> ReadEventsAsync(IReadOnlyCollection<int> ids)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<EventBookingDbContext>();
        var found = new Dictionary<int, Event>(ids.Count);
        await foreach (var row in EventsById(context, [.. ids]))
        {
            found[row.Id] = row;
        }

        return found;
    }
}
