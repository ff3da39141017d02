using EventBooking.Infrastructure.IntegrationTests.Support;
using Npgsql;

namespace EventBooking.Infrastructure.IntegrationTests.Persistence;

/// <summary>
/// The seat-ledger functions find their rows by index, whatever size their tables had when a session first planned
/// them (migration <c>SeatLedgerPlansUseIndexes</c>). PL/pgSQL keeps a statement's plan for the connection's life: on a
/// new database, pooled connections that planned while <c>bookings</c> and <c>events</c> were a page each kept scanning
/// them whole once they held tens of thousands of rows, until autovacuum's next ANALYZE (up to a minute later), and
/// the first sale ran at a quarter of its speed (docs/performance.md). This test runs on a database migrated just now,
/// as a new deployment's is.
/// </summary>
[Collection(DatabaseCollection.Name)]
public sealed class LedgerPlanTests(DatabaseFixture fixture) : IAsyncLifetime
{
    private const string ScratchDatabase = "eventbooking_test_ledger_plans";
    private string _connectionString = string.Empty;

    public async Task InitializeAsync()
    {
        _connectionString = new NpgsqlConnectionStringBuilder(await fixture.CreateMigratedDatabaseAsync(ScratchDatabase))
        {
            Pooling = false, // every connection a new session: no plan made earlier is reused
        }.ConnectionString;
    }

    public Task DisposeAsync() => fixture.DropDatabaseAsync(ScratchDatabase);

    [Fact]
    public async Task BookingAndCancelling_OnANewDatabase_ShouldScanNoTableSequentially()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        var first = await ScalarAsync(connection, "INSERT INTO users (email, name, password_hash) VALUES ('first@example.com', 'First', 'not-a-hash') RETURNING id");
        var second = await ScalarAsync(connection, "INSERT INTO users (email, name, password_hash) VALUES ('second@example.com', 'Second', 'not-a-hash') RETURNING id");
        const string newEvent = """
            INSERT INTO events (name, event_date, seat_capacity, available_seats)
            VALUES ('Event', timezone('utc', now()) + interval '7 days', 5, 5) RETURNING id
            """;
        var eventId = await ScalarAsync(connection, newEvent);
        var otherEventId = await ScalarAsync(connection, newEvent);

        // What autovacuum does on a new database soon after its first rows: the statistics now say a page each, where
        // a sequential scan is the cheaper plan for any lookup the planner is free to choose.
        await using (var analyze = new NpgsqlCommand("VACUUM ANALYZE", connection))
        {
            await analyze.ExecuteNonQueryAsync();
        }

        await using var transaction = await connection.BeginTransactionAsync();
        var booked = await ColumnAsync(connection, "SELECT outcome FROM create_bookings($1, ARRAY[$2, $3], ARRAY['BK-PLAN-1', 'BK-PLAN-2'])", eventId, first, second);
        var across = await ColumnAsync(
            connection,
            "SELECT outcome FROM create_bookings_across_events(ARRAY[$1, $2], ARRAY[$3, $3], ARRAY['BK-PLAN-3', 'BK-PLAN-4']) ORDER BY ordinal",
            eventId,
            otherEventId,
            first);
        var cancelled = await ColumnAsync(connection, "SELECT cancel_booking('BK-PLAN-1')::text");
        var rebooked = await ColumnAsync(connection, "SELECT outcome FROM create_bookings($1, ARRAY[$2], ARRAY['BK-PLAN-5'])", eventId, first);

        // This transaction's own counts (not reported yet): every lookup above, the foreign keys' checks included.
        var scans = await ScansAsync(connection);

        Assert.Equal(["created", "created"], booked);
        Assert.Equal(["already_booked", "created"], across);
        Assert.Equal(["true"], cancelled);
        Assert.Equal(["created"], rebooked);
        Assert.All(scans, table => Assert.True(table.SeqScans == 0, $"{table.Name}: {table.SeqScans} sequential scans, {table.IndexScans} index scans"));
        Assert.Contains(scans, table => table.Name == "events" && table.IndexScans > 0);
        Assert.Contains(scans, table => table.Name == "bookings" && table.IndexScans > 0);
    }

    [Fact]
    public async Task Booking_AfterTheTablesGrewPastTheirFirstPlan_ShouldReadOnlyTheBuyersOwnRows()
    {
        // create_bookings_across_events keeps one plan for a connection's life (BookingsJudgedAsOneSet), made from the
        // tables as they were at its first call. That plan must not read every row as the tables grow: planned for a
        // near-empty bookings table, "does this buyer hold a booking of the event?" as NOT EXISTS hashed every confirmed
        // booking once per call, and planned when events held one row, a join with events scanned all of it per buyer.
        await using var seeding = new NpgsqlConnection(_connectionString);
        await seeding.OpenAsync();
        const string newEvent = """
            INSERT INTO events (name, event_date, seat_capacity, available_seats)
            VALUES ('Event', timezone('utc', now()) + interval '7 days', 5000, 5000) RETURNING id
            """;
        var eventId = await ScalarAsync(seeding, newEvent);
        var first = await ScalarAsync(seeding, "INSERT INTO users (email, name, password_hash) VALUES ('first@example.com', 'First', 'not-a-hash') RETURNING id");

        // No ANALYZE from autovacuum while the test runs (this scratch database is dropped after it): new statistics
        // would have the connection plan again, from the grown tables, and the test would prove nothing.
        foreach (var sql in new[] { "ALTER TABLE events SET (autovacuum_enabled = false)", "ALTER TABLE bookings SET (autovacuum_enabled = false)", "VACUUM ANALYZE" })
        {
            await using var command = new NpgsqlCommand(sql, seeding);
            await command.ExecuteNonQueryAsync();
        }

        // A pooled connection's first booking: its plan is made now, from one event and no booking.
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        Assert.Equal(["created"], await ColumnAsync(connection, "SELECT outcome FROM create_bookings_across_events(ARRAY[$1], ARRAY[$2], ARRAY['BK-FIRST'])", eventId, first));

        // Then 500 more events go on sale, and the first one sells 2,000 seats, without an ANALYZE.
        for (var i = 0; i < 500; i++)
        {
            await ScalarAsync(seeding, newEvent);
        }

        var sold = await ColumnAsync(
            seeding,
            """
            WITH buyers AS (
                INSERT INTO users (email, name, password_hash)
                SELECT 'seed' || g || '@example.com', 'Seed', 'not-a-hash' FROM generate_series(1, 2000) g
                RETURNING id)
            SELECT count(*) FILTER (WHERE r.outcome = 'created')::text
            FROM (SELECT array_agg(id) AS ids, array_agg('BK-SEED-' || id) AS booking_ids FROM buyers) b,
                 create_bookings($1, b.ids, b.booking_ids) r
            """,
            eventId);
        Assert.Equal(["2000"], sold);

        // The same connection, the same plan: one new buyer and one who holds a booking.
        var buyer = await ScalarAsync(connection, "INSERT INTO users (email, name, password_hash) VALUES ('late@example.com', 'Late', 'not-a-hash') RETURNING id");
        await using var transaction = await connection.BeginTransactionAsync();
        var outcomes = await ColumnAsync(
            connection,
            "SELECT outcome FROM create_bookings_across_events(ARRAY[$1, $1], ARRAY[$2, $3], ARRAY['BK-LATE-1', 'BK-LATE-2']) ORDER BY ordinal",
            eventId,
            buyer,
            first);
        const string IndexEntriesRead = "SELECT coalesce(sum(pg_stat_get_xact_tuples_returned(i.indexrelid)), 0)::int FROM pg_index i WHERE i.indrelid = $1::regclass";
        var bookingsRead = await ScalarAsync(connection, IndexEntriesRead, "bookings");
        var eventsRead = await ScalarAsync(connection, IndexEntriesRead, "events");
        var scanned = await ScansAsync(connection);

        Assert.Equal(["created", "already_booked"], outcomes);
        // Their own rows: a lookup each, and the few versions of the event's row its updates left in the index (the
        // plans this test rules out read all 2,001 bookings, or all 501 events).
        Assert.True(bookingsRead <= 20, $"two buyers read {bookingsRead} booking index entries");
        Assert.True(eventsRead <= 30, $"two buyers of one event read {eventsRead} event index entries");
        Assert.All(scanned, table => Assert.True(table.SeqScans == 0, $"{table.Name}: {table.SeqScans} sequential scans"));
    }

    private static async Task<int> ScalarAsync(NpgsqlConnection connection, string sql, params object[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return (int)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<List<string>> ColumnAsync(NpgsqlConnection connection, string sql, params object[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    private static async Task<List<(string Name, long SeqScans, long IndexScans)>> ScansAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand(
            "SELECT relname::text, coalesce(seq_scan, 0), coalesce(idx_scan, 0) FROM pg_stat_xact_user_tables", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var scans = new List<(string, long, long)>();
        while (await reader.ReadAsync())
        {
            scans.Add((reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2)));
        }

        return scans;
    }
}
