using EventBooking.Domain.Events;
using EventBooking.Infrastructure.IntegrationTests.Support;
using EventBooking.Infrastructure.Persistence;
using EventBooking.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace EventBooking.Infrastructure.IntegrationTests.Persistence;

/// <summary>
/// The context is pooled (every booking request's scope asks for one, and building one cost about 12 % of the API's
/// CPU per booking): a scope gets a context another scope used before, and nothing of that earlier use is left in it.
/// </summary>
public sealed class DbContextPoolTests(DatabaseFixture database) : DatabaseTest(database)
{
    [Fact]
    public async Task ContextOfALaterScope_ShouldBeTheReturnedOne_WithNoTrackedRowsTransactionOrOpenConnectionLeft()
    {
        var adminId = await InsertUserAsync("admin@example.com", role: "admin");
        var now = DateTime.UtcNow;
        // A provider of its own: the fixture's pool holds the contexts of earlier tests, and a pool hands out the oldest.
        await using var services = PostgresFixture.BuildInfrastructure(Database.ConnectionString);
        EventBookingDbContext first;
        await using (var scope = services.CreateAsyncScope())
        {
            first = scope.ServiceProvider.GetRequiredService<EventBookingDbContext>();
            await first.Database.BeginTransactionAsync();
            first.Events.Add(Event.Schedule("Left behind", "never saved", now.AddDays(30), 10, adminId, now).Value);
            await first.Events.AsNoTracking().CountAsync();
        }

        await using (var scope = services.CreateAsyncScope())
        {
            var second = scope.ServiceProvider.GetRequiredService<EventBookingDbContext>();

            Assert.Same(first, second);
            Assert.Empty(second.ChangeTracker.Entries());
            Assert.Null(second.Database.CurrentTransaction);
            Assert.Equal(System.Data.ConnectionState.Closed, second.Database.GetDbConnection().State);
            await second.SaveChangesAsync();
        }

        Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM events WHERE name = 'Left behind'"));
    }

    /// <summary>
    /// The request pool does not reset a connection it takes back (<c>No Reset On Close</c>, PostgresOptions): what a
    /// request left on it must still be gone when the next one gets it.
    /// </summary>
    [Fact]
    public async Task ConnectionTakenAgainFromTheRequestPool_ShouldCarryNothingOfItsEarlierUse()
    {
        await using var services = PostgresFixture.BuildInfrastructure(Database.ConnectionString);
        var dataSource = services.GetRequiredService<NpgsqlDataSource>();
        Assert.True(new NpgsqlConnectionStringBuilder(dataSource.ConnectionString).NoResetOnClose);

        int firstBackend;
        await using (var connection = await dataSource.OpenConnectionAsync())
        {
            firstBackend = await ScalarOnAsync<int>(connection, "SELECT pg_backend_pid()");
            await using var transaction = await connection.BeginTransactionAsync();
            await ScalarOnAsync<string>(connection, "SELECT set_config('statement_timeout', '1234', true)");
            await ScalarOnAsync<object>(connection, "SELECT pg_advisory_xact_lock(4242)");
            await ScalarOnAsync<int>(connection,
                "INSERT INTO users (email, name, password_hash) VALUES ('left.open@example.com', 'x', 'x') RETURNING id");
            // Disposed without a commit.
        }

        await using (var connection = await dataSource.OpenConnectionAsync())
        {
            Assert.Equal(firstBackend, await ScalarOnAsync<int>(connection, "SELECT pg_backend_pid()"));
            Assert.Equal("0", await ScalarOnAsync<string>(connection, "SELECT current_setting('statement_timeout')"));
            Assert.Equal(0L, await ScalarOnAsync<long>(connection,
                "SELECT count(*) FROM pg_locks WHERE pid = pg_backend_pid() AND locktype = 'advisory'"));
            Assert.Equal(0L, await ScalarOnAsync<long>(connection, "SELECT count(*) FROM users WHERE email = 'left.open@example.com'"));
        }
    }

    private static async Task<T> ScalarOnAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync();
        return value is DBNull or null ? default! : (T)value;
    }
}
