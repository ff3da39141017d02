using EventBooking.Infrastructure.IntegrationTests.Support;
using EventBooking.Infrastructure.Persistence;
using EventBooking.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace EventBooking.Infrastructure.IntegrationTests.Persistence;

/// <summary>
/// Migrates an empty database and reads the catalogue back, comparing it with
/// seed/DATABASE-SCHEMA.md (plus events.image_url from contract section 8). Each expectation below is a
/// line of that document; a drifting migration shows up here as a readable diff. Our additions are
/// marked: the <c>event_images</c> table (images stored in PostgreSQL), <c>idx_users_email_lower</c>
/// (case-insensitive email lookups) and <c>idempotency_keys</c> (retry-safe booking), the waiting list and <c>check_ins</c> (door check-in).
/// </summary>
[Collection(DatabaseCollection.Name)]
public sealed class SchemaConformanceTests(DatabaseFixture fixture) : IAsyncLifetime
{
    private const string ScratchDatabase = "eventbooking_test_schema_conformance";
    private string _connectionString = string.Empty;

    public async Task InitializeAsync()
    {
        _connectionString = await fixture.CreateMigratedDatabaseAsync(ScratchDatabase);
    }

    public Task DisposeAsync() => fixture.DropDatabaseAsync(ScratchDatabase);

    [Fact]
    public async Task Migrate_OnEmptyDatabase_ShouldCreateExactlyTheDocumentedTables()
    {
        var tables = await QueryAsync(
            """
            SELECT table_name FROM information_schema.tables
            WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '__EFMigrationsHistory'
            """);

        Assert.Equal(["booking_logs", "bookings", "check_ins", "event_images", "events", "idempotency_keys", "users", "waitlist_entries", "waitlist_logs"], tables);
    }

    [Fact]
    public async Task Migrate_OnEmptyDatabase_ShouldCreateEveryColumnWithDocumentedTypeNullabilityAndDefault()
    {
        string[] expected =
        [
            "booking_logs.action varchar(20) NOT NULL",
            "booking_logs.booking_id varchar(50) NOT NULL",
            "booking_logs.details jsonb NULL",
            "booking_logs.event_id integer NULL",
            "booking_logs.id integer NOT NULL DEFAULT nextval('booking_logs_id_seq'::regclass)",
            "booking_logs.timestamp timestamp without time zone NULL DEFAULT now()",
            "booking_logs.user_id integer NULL",
            "bookings.booking_id varchar(50) NOT NULL",
            "bookings.cancelled_at timestamp without time zone NULL",
            "bookings.created_at timestamp without time zone NULL DEFAULT now()",
            "bookings.event_id integer NULL",
            "bookings.id integer NOT NULL DEFAULT nextval('bookings_id_seq'::regclass)",
            "bookings.status varchar(20) NULL DEFAULT 'confirmed'::character varying",
            "bookings.user_id integer NULL",
            "check_ins.booking_id varchar(50) NOT NULL", // ours, and the next three
            "check_ins.checked_in_at timestamp without time zone NOT NULL",
            "check_ins.checked_in_by integer NULL",
            "check_ins.event_id integer NOT NULL",
            "event_images.content bytea NOT NULL", // ours
            "event_images.content_type varchar(50) NOT NULL", // ours
            "event_images.event_id integer NOT NULL", // ours
            "event_images.updated_at timestamp without time zone NOT NULL DEFAULT now()", // ours
            "event_images.version varchar(64) NOT NULL", // ours
            "events.available_seats integer NOT NULL",
            "events.created_at timestamp without time zone NULL DEFAULT now()",
            "events.created_by integer NULL",
            "events.description text NULL",
            "events.event_date timestamp without time zone NOT NULL",
            "events.id integer NOT NULL DEFAULT nextval('events_id_seq'::regclass)",
            "events.image_url text NULL",
            "events.name varchar(255) NOT NULL",
            "events.seat_capacity integer NOT NULL",
            "events.updated_at timestamp without time zone NULL DEFAULT now()",
            "idempotency_keys.created_at timestamp without time zone NOT NULL", // ours
            "idempotency_keys.expires_at timestamp without time zone NOT NULL", // ours
            "idempotency_keys.key varchar(100) NOT NULL", // ours
            "idempotency_keys.owner_instance integer NULL", // ours
            "idempotency_keys.request_hash varchar(64) NOT NULL", // ours
            "idempotency_keys.response_body text NULL", // ours
            "idempotency_keys.response_status integer NULL", // ours
            "idempotency_keys.status varchar(20) NOT NULL", // ours
            "idempotency_keys.user_id integer NOT NULL", // ours
            "users.created_at timestamp without time zone NULL DEFAULT now()",
            "users.email varchar(255) NOT NULL",
            "users.id integer NOT NULL DEFAULT nextval('users_id_seq'::regclass)",
            "users.name varchar(255) NOT NULL",
            "users.password_hash varchar(255) NOT NULL",
            "users.role varchar(50) NULL DEFAULT 'user'::character varying",
            "users.updated_at timestamp without time zone NULL DEFAULT now()",
            "waitlist_entries.booking_id varchar(50) NULL", // ours, and the rest below
            "waitlist_entries.event_id integer NOT NULL",
            "waitlist_entries.id bigint NOT NULL",
            "waitlist_entries.joined_at timestamp without time zone NOT NULL DEFAULT timezone('utc'::text, now())",
            "waitlist_entries.offer_expires_at timestamp without time zone NULL",
            "waitlist_entries.offered_at timestamp without time zone NULL",
            "waitlist_entries.resolved_at timestamp without time zone NULL",
            "waitlist_entries.status varchar(20) NOT NULL DEFAULT 'waiting'::character varying",
            "waitlist_entries.user_id integer NOT NULL",
            "waitlist_logs.action varchar(20) NOT NULL",
            "waitlist_logs.actor_id integer NULL",
            "waitlist_logs.details jsonb NULL",
            "waitlist_logs.entry_id bigint NOT NULL",
            "waitlist_logs.event_id integer NOT NULL",
            "waitlist_logs.id bigint NOT NULL",
            "waitlist_logs.timestamp timestamp without time zone NOT NULL DEFAULT timezone('utc'::text, now())",
            "waitlist_logs.user_id integer NOT NULL",
        ];

        var actual = await QueryAsync(
            """
            SELECT table_name || '.' || column_name || ' '
                || CASE WHEN data_type = 'character varying' THEN 'varchar(' || character_maximum_length || ')'
                        ELSE data_type END
                || CASE WHEN is_nullable = 'YES' THEN ' NULL' ELSE ' NOT NULL' END
                || COALESCE(' DEFAULT ' || column_default, '')
            FROM information_schema.columns
            WHERE table_schema = 'public' AND table_name <> '__EFMigrationsHistory'
            """);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task Migrate_OnEmptyDatabase_ShouldCreatePrimaryUniqueAndCheckConstraints()
    {
        string[] expected =
        [
            "booking_logs p PRIMARY KEY (id)",
            "bookings p PRIMARY KEY (id)",
            "bookings u UNIQUE (booking_id)",
            "check_ins p PRIMARY KEY (booking_id)", // ours
            "event_images p PRIMARY KEY (event_id)", // ours
            "events c CHECK (((available_seats >= 0) AND (available_seats <= seat_capacity))) check_available_seats",
            "events c CHECK ((seat_capacity > 0)) check_seat_capacity",
            "events p PRIMARY KEY (id)",
            "idempotency_keys p PRIMARY KEY (user_id, key)", // ours
            "users p PRIMARY KEY (id)",
            "users u UNIQUE (email)",
            "waitlist_entries c CHECK ((((status)::text <> 'offered'::text) OR (offer_expires_at IS NOT NULL))) waitlist_entries_offer_check", // ours
            "waitlist_entries c CHECK (((status)::text = ANY ((ARRAY['waiting'::character varying, 'offered'::character varying, "
                + "'accepted'::character varying, 'expired'::character varying, 'declined'::character varying, 'left'::character varying])::text[]))) "
                + "waitlist_entries_status_check", // ours
            "waitlist_entries p PRIMARY KEY (id)", // ours
            "waitlist_logs p PRIMARY KEY (id)", // ours
        ];

        var actual = await QueryAsync(
            """
            SELECT t.relname || ' ' || c.contype::text || ' ' || pg_get_constraintdef(c.oid)
                || CASE WHEN c.contype = 'c' THEN ' ' || c.conname ELSE '' END
            FROM pg_constraint c
            JOIN pg_class t ON t.oid = c.conrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace
            WHERE n.nspname = 'public' AND c.contype IN ('p', 'u', 'c') AND t.relname <> '__EFMigrationsHistory'
            """);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task Migrate_OnEmptyDatabase_ShouldCreateForeignKeysWithDocumentedDeleteActions()
    {
        string[] expected =
        [
            "bookings FOREIGN KEY (event_id) REFERENCES events(id) ON DELETE CASCADE",
            "bookings FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE",
            "check_ins FOREIGN KEY (booking_id) REFERENCES bookings(booking_id) ON DELETE CASCADE", // ours
            "check_ins FOREIGN KEY (checked_in_by) REFERENCES users(id) ON DELETE SET NULL", // ours
            "event_images FOREIGN KEY (event_id) REFERENCES events(id) ON DELETE CASCADE", // ours
            "events FOREIGN KEY (created_by) REFERENCES users(id) ON DELETE SET NULL",
            "idempotency_keys FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE", // ours
            "waitlist_entries FOREIGN KEY (event_id) REFERENCES events(id) ON DELETE CASCADE", // ours
            "waitlist_entries FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE", // ours
        ];

        var actual = await QueryAsync(
            """
            SELECT t.relname || ' ' || pg_get_constraintdef(c.oid)
            FROM pg_constraint c
            JOIN pg_class t ON t.oid = c.conrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace
            WHERE n.nspname = 'public' AND c.contype = 'f'
            """);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task Migrate_OnEmptyDatabase_ShouldCreateEveryDocumentedIndexByName()
    {
        // name | table | columns | unique | partial predicate
        string[] expected =
        [
            "booking_logs_pkey | booking_logs | id | unique | ",
            "bookings_booking_id_unique | bookings | booking_id | unique | ",
            "bookings_pkey | bookings | id | unique | ",
            "bookings_user_event_confirmed_unique | bookings | user_id,event_id | unique | ((status)::text = 'confirmed'::text)",
            "check_ins_pkey | check_ins | booking_id | unique | ", // ours
            "event_images_pkey | event_images | event_id | unique | ", // ours
            "events_pkey | events | id | unique | ",
            "idempotency_keys_pkey | idempotency_keys | user_id,key | unique | ", // ours
            "idx_booking_logs_action | booking_logs | action |  | ",
            "idx_booking_logs_booking_id | booking_logs | booking_id |  | ",
            "idx_booking_logs_timestamp | booking_logs | timestamp |  | ",
            "idx_booking_logs_user_event | booking_logs | user_id,event_id |  | ",
            "idx_bookings_created_at | bookings | created_at |  | ",
            "idx_bookings_event_id | bookings | event_id |  | ",
            "idx_bookings_status | bookings | status |  | ",
            "idx_bookings_user_id | bookings | user_id |  | ",
            "idx_check_ins_checked_in_by | check_ins | checked_in_by |  | ", // ours
            "idx_check_ins_event_id | check_ins | event_id |  | ", // ours
            "idx_events_available_seats | events | available_seats |  | (available_seats > 0)",
            "idx_events_created_by | events | created_by |  | ",
            "idx_events_event_date | events | event_date |  | ",
            "idx_idempotency_keys_expires_at | idempotency_keys | expires_at |  | ", // ours
            "idx_users_email | users | email |  | ",
            "idx_users_email_lower | users | lower(email::text) |  | ", // ours
            "idx_users_role | users | role |  | ",
            "idx_waitlist_entries_offers | waitlist_entries | offer_expires_at |  | ((status)::text = 'offered'::text)", // ours
            "idx_waitlist_entries_queue | waitlist_entries | event_id,id |  | ((status)::text = 'waiting'::text)", // ours
            "idx_waitlist_entries_user | waitlist_entries | user_id,event_id |  | ", // ours
            "idx_waitlist_logs_entry | waitlist_logs | entry_id,id |  | ", // ours
            "idx_waitlist_logs_event | waitlist_logs | event_id,id |  | ", // ours
            "users_email_unique | users | email | unique | ",
            "users_pkey | users | id | unique | ",
            "waitlist_entries_pkey | waitlist_entries | id | unique | ", // ours
            "waitlist_entries_user_event_live_unique | waitlist_entries | event_id,user_id | unique | "
                + "((status)::text = ANY ((ARRAY['waiting'::character varying, 'offered'::character varying])::text[]))", // ours
            "waitlist_logs_pkey | waitlist_logs | id | unique | ", // ours
        ];

        var actual = await QueryAsync(
            """
            SELECT i.relname || ' | ' || t.relname || ' | '
                || (SELECT string_agg(replace(pg_get_indexdef(ix.indexrelid, k, true), '"', ''), ',' ORDER BY k)
                    FROM generate_series(1, ix.indnkeyatts) AS k)
                || ' | ' || CASE WHEN ix.indisunique THEN 'unique' ELSE '' END
                || ' | ' || COALESCE(pg_get_expr(ix.indpred, ix.indrelid), '')
            FROM pg_index ix
            JOIN pg_class i ON i.oid = ix.indexrelid
            JOIN pg_class t ON t.oid = ix.indrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace
            WHERE n.nspname = 'public' AND t.relname <> '__EFMigrationsHistory'
            """);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task Migrate_OnEmptyDatabase_ShouldCreateBookingFunctionsWithDocumentedSignatures_AsWrappersOfTheLedgerFamily()
    {
        string[] expected =
        [
            "cancel_booking(p_booking_id character varying, p_actor_id integer DEFAULT NULL::integer) boolean",
            "create_booking(p_user_id integer, p_event_id integer, p_booking_id character varying) boolean",
            "create_bookings(p_event_id integer, p_user_ids integer[], p_booking_ids text[]) "
                + "TABLE(outcome text, booked_at timestamp without time zone, seats_left integer)",
        ];
        string[] ledgerFamily =
        [
            "cancel_booking_outcome(p_booking_id character varying, p_actor_id integer DEFAULT NULL::integer, "
                + "p_offer_seconds integer DEFAULT 900) TABLE(outcome text, booked_event integer, seats_left integer)",
            "notify_seat_change(p_type text, p_event_id integer) void",
            "notify_seat_changes(p_type text, p_event_ids integer[]) void",
            "resize_event(p_event_id integer, p_seat_capacity integer, p_offer_seconds integer DEFAULT 900) "
                + "TABLE(outcome text, seats_left integer, confirmed integer)",
            "transfer_booking(p_booking_id character varying, p_to_user_id integer, p_actor_id integer) "
                + "TABLE(outcome text, booked_event integer, seats_left integer)",
        ];

        var actual = await QueryAsync(
            """
            SELECT p.proname || '(' || pg_get_function_arguments(p.oid) || ') ' || pg_get_function_result(p.oid)
            FROM pg_proc p
            JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE n.nspname = 'public' AND p.proname IN ('create_booking', 'create_bookings', 'cancel_booking')
            ORDER BY p.proname
            """);
        // Every function that changes seats locks the event row itself (check-in: the booking row); the schema document's two
        // are wrappers, and so is create_bookings, whose rules are create_bookings_across_events' (BookingsJudgedAsOneSet).
        var lockingFunctions = await QueryAsync(
            """
            SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE n.nspname = 'public' AND p.prosrc ILIKE '%FOR UPDATE%'
            ORDER BY p.proname
            """);
        var wrappers = await QueryAsync(
            """
            SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE n.nspname = 'public'
              AND ((p.proname = 'create_booking' AND p.prosrc ILIKE '%FROM create_bookings(%')
                OR (p.proname = 'create_bookings' AND p.prosrc ILIKE '%FROM create_bookings_across_events(%')
                OR (p.proname = 'cancel_booking' AND p.prosrc ILIKE '%FROM cancel_booking_outcome(%'))
            ORDER BY p.proname
            """);

        var family = await QueryAsync(
            """
            SELECT p.proname || '(' || pg_get_function_arguments(p.oid) || ') ' || pg_get_function_result(p.oid)
            FROM pg_proc p
            JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE n.nspname = 'public' AND p.proname IN ('cancel_booking_outcome', 'notify_seat_change', 'notify_seat_changes', 'resize_event', 'transfer_booking')
            ORDER BY p.proname
            """);

        Assert.Equal(expected, actual);
        Assert.Equal(ledgerFamily, family);
        Assert.Equal(
            [
                "accept_waitlist_offer", "cancel_booking_outcome", "check_in_booking", "create_bookings_across_events", "expire_waitlist_offers",
                "join_waitlist", "leave_waitlist", "resize_event", "transfer_booking", "undo_check_in", "waitlist_offer_free_seats",
            ],
            lockingFunctions);
        Assert.Equal(["cancel_booking", "create_booking", "create_bookings"], wrappers);
    }

    [Fact]
    public async Task Migrate_OnEmptyDatabase_ShouldCreateUpdatedAtAndAuditImmutabilityTriggers()
    {
        var actual = await QueryAsync(
            """
            SELECT c.relname || ' ' || t.tgname || ' ' || p.proname
            FROM pg_trigger t
            JOIN pg_class c ON c.oid = t.tgrelid
            JOIN pg_proc p ON p.oid = t.tgfoid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND NOT t.tgisinternal
            """);

        Assert.Equal(
            [
                "booking_logs booking_logs_immutable booking_logs_are_immutable",
                "events events_set_updated_at set_updated_at",
                "users users_set_updated_at set_updated_at",
                "waitlist_logs waitlist_logs_immutable waitlist_logs_are_immutable",
            ],
            actual);
    }

    [Fact]
    public async Task Migrate_OnEmptyDatabase_ShouldWriteEveryFunctionInPlpgsql_SoItsQueriesArePlannedOncePerConnection()
    {
        // A SQL-language function that PostgreSQL cannot inline is parsed and planned on every call; notify_seat_change
        // was one, called once per event of every booking call (SeatChangeNoticePlannedOnce).
        var notPlpgsql = await QueryAsync(
            """
            SELECT p.proname || ' ' || l.lanname FROM pg_proc p
            JOIN pg_namespace n ON n.oid = p.pronamespace JOIN pg_language l ON l.oid = p.prolang
            WHERE n.nspname = 'public' AND l.lanname <> 'plpgsql'
            """);
        var functions = await QueryAsync("SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public'");

        Assert.Empty(notPlpgsql);
        Assert.Contains("notify_seat_change", functions);
    }

    [Fact]
    public async Task Migrate_OnEmptyDatabase_ShouldPinIndexPlansOnEveryLedgerFunctionThatFindsRowsByKey()
    {
        // SeatLedgerPlansUseIndexes (LedgerPlanTests shows why). CREATE OR REPLACE FUNCTION resets a function's settings:
        // a migration replacing one of these without SET enable_seqscan = off shows up here.
        var pinned = await QueryAsync(
            """
            SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE n.nspname = 'public' AND 'enable_seqscan=off' = ANY (p.proconfig)
            """);

        Assert.Equal(
            [
                "accept_waitlist_offer", "cancel_booking", "cancel_booking_outcome", "check_in_booking", "create_bookings",
                "create_bookings_across_events", "join_waitlist", "leave_waitlist", "notify_seat_change", "notify_seat_changes", "resize_event",
                "transfer_booking", "undo_check_in", "waitlist_offer_free_seats", "waitlist_release_offer",
            ],
            pinned);

        // BookingsJudgedAsOneSet: the judging statement is planned once per connection, not on every call.
        var generic = await QueryAsync(
            """
            SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE n.nspname = 'public' AND 'plan_cache_mode=force_generic_plan' = ANY (p.proconfig)
            """);
        Assert.Equal(["create_bookings_across_events"], generic);
    }

    [Fact]
    public async Task Migrate_WhenRunAgainOnMigratedDatabase_ShouldChangeNothing()
    {
        var before = await QueryAsync("""SELECT migration_id FROM "__EFMigrationsHistory" """);

        await MigrateAsync();
        await MigrateAsync();

        var after = await QueryAsync("""SELECT migration_id FROM "__EFMigrationsHistory" """);
        Assert.NotEmpty(before);
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task Migrate_DownStepByStep_ShouldLeaveWhatUpLeftAtEachStep()
    {
        List<string> migrations;
        await using (var services = PostgresFixture.BuildInfrastructure(_connectionString))
        {
            await using var scope = services.CreateAsyncScope();
            migrations = [Migration.InitialDatabase, .. scope.ServiceProvider.GetRequiredService<EventBookingDbContext>().Database.GetMigrations()];
        }

        await MigrateToAsync(Migration.InitialDatabase);
        var afterUp = new Dictionary<string, List<string>>();
        foreach (var migration in migrations)
        {
            await MigrateToAsync(migration);
            afterUp[migration] = await CatalogueAsync();
        }

        Assert.Empty(afterUp[Migration.InitialDatabase]);
        foreach (var migration in Enumerable.Reverse(migrations))
        {
            await MigrateToAsync(migration);
            Assert.True(
                afterUp[migration].SequenceEqual(await CatalogueAsync()),
                $"Down to {migration} differs from Up to it:\n{string.Join("\n", afterUp[migration].Except(await CatalogueAsync()))}");
        }

        await MigrateAsync();
        Assert.Equal(afterUp[migrations[^1]], await CatalogueAsync());
    }

    /// <summary>Every column, function definition, trigger and index of the public schema, sorted.</summary>
    private Task<List<string>> CatalogueAsync() =>
        QueryAsync(
            """
            SELECT table_name || '.' || column_name || ' ' || data_type FROM information_schema.columns
            WHERE table_schema = 'public' AND table_name <> '__EFMigrationsHistory'
            UNION ALL
            SELECT pg_get_functiondef(p.oid) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public'
            UNION ALL
            SELECT c.relname || ' ' || t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE NOT t.tgisinternal
            UNION ALL
            SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '__EFMigrationsHistory'
            """);

    private async Task MigrateToAsync(string target)
    {
        await using var services = PostgresFixture.BuildInfrastructure(_connectionString);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EventBookingDbContext>();
        await db.GetService<IMigrator>().MigrateAsync(target);
    }

    private Task MigrateAsync() => PostgresFixture.MigrateAsync(_connectionString);

    /// <summary>Runs a one-column query and returns its rows sorted (ordinal), for order-free comparison.</summary>
    private async Task<List<string>> QueryAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        rows.Sort(StringComparer.Ordinal);
        return rows;
    }
}
