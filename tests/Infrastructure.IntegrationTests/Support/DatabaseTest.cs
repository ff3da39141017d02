using Npgsql;

namespace EventBooking.Infrastructure.IntegrationTests.Support;

/// <summary>Base class for tests against the shared database: resets it first, and offers SQL helpers.</summary>
[Collection(DatabaseCollection.Name)]
public abstract class DatabaseTest(DatabaseFixture database) : IAsyncLifetime
{
    protected DatabaseFixture Database { get; } = database;

    public Task InitializeAsync() => Database.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    protected Task<T> ScalarAsync<T>(string sql, params object[] parameters) => ScalarAsync<T>(Database.DataSource, sql, parameters);

    protected Task<int> ExecuteAsync(string sql, params object[] parameters) => ExecuteAsync(Database.DataSource, sql, parameters);

    /// <summary>As <see cref="ScalarAsync{T}(string, object[])"/>, on a pool of the test's own (one the code under test built).</summary>
    protected static async Task<T> ScalarAsync<T>(NpgsqlDataSource dataSource, string sql, params object[] parameters)
    {
        await using var command = dataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        var result = await command.ExecuteScalarAsync();
        return (T)Convert.ChangeType(result!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>As <see cref="ExecuteAsync(string, object[])"/>, on a pool of the test's own.</summary>
    protected static async Task<int> ExecuteAsync(NpgsqlDataSource dataSource, string sql, params object[] parameters)
    {
        await using var command = dataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>Inserts a user directly (no bcrypt: these tests are about the database, not passwords).</summary>
    protected Task<int> InsertUserAsync(string email, string role = "user") =>
        ScalarAsync<int>(
            "INSERT INTO users (email, name, password_hash, role) VALUES ($1, $2, 'not-a-hash', $3) RETURNING id",
            email,
            "Test " + email,
            role);

    /// <summary>Inserts <paramref name="count"/> users, <c>{prefix}0@example.com</c> onwards; their ids in that order.</summary>
    protected async Task<List<int>> InsertUsersAsync(int count, string prefix)
    {
        var ids = new List<int>(count);
        for (var i = 0; i < count; i++)
        {
            ids.Add(await InsertUserAsync($"{prefix}{i}@example.com"));
        }

        return ids;
    }

    /// <summary>
    /// Takes the event's row lock in a transaction of its own, as a booking in progress would, and holds it
    /// until <see cref="HeldRowLock.ReleaseAsync"/> (or disposal, which rolls back).
    /// </summary>
    protected async Task<HeldRowLock> HoldEventRowLockAsync(int eventId)
    {
        var connection = await Database.DataSource.OpenConnectionAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using (var lockRow = new NpgsqlCommand("SELECT 1 FROM events WHERE id = $1 FOR UPDATE", connection, transaction))
        {
            lockRow.Parameters.Add(new NpgsqlParameter { Value = eventId });
            await lockRow.ExecuteScalarAsync();
        }

        return new HeldRowLock(connection, transaction);
    }

    /// <summary>Inserts an event directly, dated a week ahead unless told otherwise.</summary>
    protected Task<int> InsertEventAsync(int seats, int? createdBy = null, TimeSpan? startsIn = null) =>
        ScalarAsync<int>(
            """
            INSERT INTO events (name, event_date, seat_capacity, available_seats, created_by)
            VALUES ('Event', timezone('utc', now()) + $1, $2, $2, $3) RETURNING id
            """,
            startsIn ?? TimeSpan.FromDays(7),
            seats,
            createdBy.HasValue ? createdBy.Value : DBNull.Value);

    protected Task<bool> CreateBookingAsync(int userId, int eventId, string bookingId) =>
        ScalarAsync<bool>("SELECT create_booking($1, $2, $3)", userId, eventId, bookingId);

    protected Task<bool> CancelBookingAsync(string bookingId) =>
        ScalarAsync<bool>("SELECT cancel_booking($1)", bookingId);

    protected Task<int> AvailableSeatsAsync(int eventId) =>
        ScalarAsync<int>("SELECT available_seats FROM events WHERE id = $1", eventId);

    protected Task<int> ConfirmedBookingsAsync(int eventId) =>
        ScalarAsync<int>("SELECT count(*)::int FROM bookings WHERE event_id = $1 AND status = 'confirmed'", eventId);

    protected Task<int> LogCountAsync(string action, int eventId) =>
        ScalarAsync<int>("SELECT count(*)::int FROM booking_logs WHERE action = $1 AND event_id = $2", action, eventId);

    /// <summary>The invariant every booking path must keep.</summary>
    protected async Task AssertSeatInvariantAsync(int eventId)
    {
        var (capacity, available, confirmed) = (
            await ScalarAsync<int>("SELECT seat_capacity FROM events WHERE id = $1", eventId),
            await AvailableSeatsAsync(eventId),
            await ConfirmedBookingsAsync(eventId));
        Assert.True(
            available + confirmed == capacity,
            $"available_seats ({available}) + confirmed bookings ({confirmed}) != seat_capacity ({capacity})");
    }
}

/// <summary>A row lock held by a test's own transaction (<see cref="DatabaseTest.HoldEventRowLockAsync"/>).</summary>
public sealed class HeldRowLock(NpgsqlConnection connection, NpgsqlTransaction transaction) : IAsyncDisposable
{
    /// <summary>Commits, letting whoever waits on the lock go on.</summary>
    public Task ReleaseAsync() => transaction.CommitAsync();

    public async ValueTask DisposeAsync()
    {
        await transaction.DisposeAsync();
        await connection.DisposeAsync();
    }
}
