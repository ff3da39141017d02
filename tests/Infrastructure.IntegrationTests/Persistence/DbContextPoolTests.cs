using EventBooking.Domain.Events;
using EventBooking.Infrastructure.Concurrency;
using EventBooking.Infrastructure.IntegrationTests.Support;
using EventBooking.Infrastructure.Persistence;
using EventBooking.Infrastructure.Seats;
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
    /// The request pool does not reset a connection it takes back (<c>No Reset On Close</c>, PostgresOptions), so the
    /// code that uses it must leave no session state behind. One connection carries a real booking, a booking of an
    /// absent event and an EF query; then that backend holds no session setting, LISTEN, advisory lock, cursor or
    /// temporary schema. The last part shows the check sees state that is left: a session <c>SET</c> survives.
    /// </summary>
    [Fact]
    public async Task RequestPool_AfterBookingsAndQueries_ShouldHoldNoSessionState()
    {
        var userId = await InsertUserAsync("pool.user@example.com");
        var eventId = await InsertEventAsync(seats: 5);
        await using var services = PostgresFixture.BuildInfrastructure(Database.ConnectionString + ";Maximum Pool Size=1");
        var dataSource = services.GetRequiredService<NpgsqlDataSource>();
        Assert.True(new NpgsqlConnectionStringBuilder(dataSource.ConnectionString).NoResetOnClose);
        var bookings = services.GetRequiredService<KeyedBatchQueue<int, PendingBooking, BookingOutcome>>();

        var booked = await bookings.SubmitAsync(eventId, new PendingBooking(userId, "BK-POOL-000001"), CancellationToken.None);
        var absent = await bookings.SubmitAsync(-1, new PendingBooking(userId, "BK-POOL-000002"), CancellationToken.None);
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<EventBookingDbContext>();
            Assert.Equal(1, await db.Bookings.CountAsync(b => b.EventId == eventId));
        }

        Assert.Equal(BookingOutcomeStatus.Created, booked.Status);
        Assert.Equal(BookingOutcomeStatus.EventNotFound, absent.Status);
        var backend = await ScalarAsync<int>(dataSource, "SELECT pg_backend_pid()");
        Assert.Empty(await SessionStateAsync(dataSource));

        await ExecuteAsync(dataSource, "SET work_mem = '7MB'");
        Assert.Equal(backend, await ScalarAsync<int>(dataSource, "SELECT pg_backend_pid()"));
        Assert.Equal(["setting work_mem"], await SessionStateAsync(dataSource));
    }

    /// <summary>What a session of the pool's one connection has that a new session would not.</summary>
    private static async Task<List<string>> SessionStateAsync(NpgsqlDataSource dataSource)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT 'setting ' || name FROM pg_settings WHERE source = 'session'
            UNION ALL SELECT 'listening ' || channel FROM pg_listening_channels() AS channel
            UNION ALL SELECT 'advisory lock ' || objid FROM pg_locks WHERE pid = pg_backend_pid() AND locktype = 'advisory'
            UNION ALL SELECT 'cursor ' || name FROM pg_cursors WHERE name <> '' -- '': the portal running this query
            UNION ALL SELECT 'temporary schema' WHERE pg_my_temp_schema() <> 0
            """,
            connection);
        var state = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            state.Add(reader.GetString(0));
        }

        return state;
    }
}
