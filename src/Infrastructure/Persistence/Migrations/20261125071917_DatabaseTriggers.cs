using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EventBooking.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class DatabaseTriggers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // updated_at is the database's job: whoever updates a row (the API, a stored function, an
            // operator in psql) gets it stamped, in UTC.
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION set_updated_at()
                RETURNS trigger
                LANGUAGE plpgsql
                AS $$
                BEGIN
                    NEW.updated_at := timezone('utc', now());
                    RETURN NEW;
                END;
                $$;

                CREATE TRIGGER users_set_updated_at
                    BEFORE UPDATE ON users
                    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

                CREATE TRIGGER events_set_updated_at
                    BEFORE UPDATE ON events
                    FOR EACH ROW EXECUTE FUNCTION set_updated_at();
                """);

            // The audit log is append-only. Row-level triggers do not fire on TRUNCATE, so a deliberate
            // full reset (the reset command, the test fixtures) still empties it.
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION booking_logs_are_immutable()
                RETURNS trigger
                LANGUAGE plpgsql
                AS $$
                BEGIN
                    RAISE EXCEPTION 'booking_logs is append-only: % is not allowed', TG_OP
                        USING ERRCODE = 'insufficient_privilege';
                END;
                $$;

                CREATE TRIGGER booking_logs_immutable
                    BEFORE UPDATE OR DELETE ON booking_logs
                    FOR EACH ROW EXECUTE FUNCTION booking_logs_are_immutable();
                """);

            // Column defaults use now(), which a timestamp column takes in the session's time zone. The
            // API's sessions are UTC already (connection string); this makes psql sessions agree.
            migrationBuilder.Sql("""
                DO $$
                BEGIN
                    EXECUTE format('ALTER DATABASE %I SET timezone TO %L', current_database(), 'UTC');
                EXCEPTION WHEN insufficient_privilege THEN
                    RAISE NOTICE 'not the owner of the database: sessions keep the server time zone';
                END;
                $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS booking_logs_immutable ON booking_logs;
                DROP FUNCTION IF EXISTS booking_logs_are_immutable();
                DROP TRIGGER IF EXISTS events_set_updated_at ON events;
                DROP TRIGGER IF EXISTS users_set_updated_at ON users;
                DROP FUNCTION IF EXISTS set_updated_at();
                """);
        }
    }
}
