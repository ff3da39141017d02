using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace EventBooking.Infrastructure.Persistence;

/// <summary>The one place where the EF Core provider is configured, shared by the app and the design-time factory.</summary>
internal static class PostgresOptions
{
    public const string MigrationsHistoryTable = "__EFMigrationsHistory";

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string connectionString) =>
        options
            .UseNpgsql(connectionString, ConfigureNpgsql)
            .UseSnakeCaseNamingConvention();

    /// <summary>
    /// The application's context. EF Core's own logs of a failed query, save, command or connection are
    /// demoted to Debug: every such exception propagates to the web layer's exception handler, which logs
    /// it once (and a database outage once per window, not once per request and three times each).
    /// </summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, NpgsqlDataSource dataSource) =>
        options
            .UseNpgsql(dataSource, ConfigureNpgsql)
            .UseSnakeCaseNamingConvention()
            .ConfigureWarnings(warnings => warnings.Log(
                (CoreEventId.QueryIterationFailed, LogLevel.Debug),
                (CoreEventId.SaveChangesFailed, LogLevel.Debug),
                (RelationalEventId.CommandError, LogLevel.Debug),
                (RelationalEventId.ConnectionError, LogLevel.Debug)));

    /// <summary>
    /// Normalises an operator-supplied connection string. The schema keeps UTC in
    /// <c>timestamp without time zone</c> columns and the database defaults use <c>now()</c>, so every
    /// session runs in UTC whatever the server's own time zone is.
    /// <para>
    /// Statements run often (the per-request user check, the event load, the booking batch) are
    /// prepared automatically on each connection unless the operator set <c>Max Auto Prepare</c>:
    /// PostgreSQL then skips parsing and planning them on every call. Measured: PostgreSQL's CPU per
    /// booking fell from about 1.1 ms to 0.75 ms (see docs/performance.md).
    /// </para>
    /// <para>
    /// A connection handed back to the pool is not reset (<c>No Reset On Close</c>) unless the operator set it: the
    /// request pool's connections carry no session state to clear. The LISTEN and the instance lease's advisory lock
    /// live on unpooled connections of their own, no code issues a session <c>SET</c>, and Npgsql still rolls back a
    /// transaction left open. The reset was seven statements (<c>SET SESSION AUTHORIZATION DEFAULT</c>,
    /// <c>RESET ALL</c>, <c>pg_advisory_unlock_all()</c>, ...) that PostgreSQL ran before the next command on every
    /// connection taken from the pool: 0.58 uses per booking spread over events, about three per booking call. Measured: PostgreSQL's CPU per booking spread over
    /// events fell by about 5 % (docs/adr/0026, docs/performance.md).
    /// </para>
    /// </summary>
    public static string Normalize(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Timezone = "UTC" };
        var keys = connectionString.Replace(" ", string.Empty, StringComparison.Ordinal);
        bool OperatorSet(string key) => keys.Contains(key, StringComparison.OrdinalIgnoreCase);
        if (!OperatorSet("NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }

        if (!OperatorSet("MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = 64;
            if (!OperatorSet("AutoPrepareMinUsages"))
            {
                builder.AutoPrepareMinUsages = 2;
            }
        }

        return builder.ConnectionString;
    }

    private static void ConfigureNpgsql(Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure.NpgsqlDbContextOptionsBuilder npgsql) =>
        npgsql
            .MigrationsAssembly(typeof(PostgresOptions).Assembly.GetName().Name)
            .MigrationsHistoryTable(MigrationsHistoryTable);
}
