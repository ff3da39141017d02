using EventBooking.Infrastructure.Persistence.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace EventBooking.Infrastructure.Persistence;

internal sealed class DatabaseMaintenance(
    EventBookingDbContext db, DatabaseSeeder seeder, ILogger<DatabaseMaintenance> logger) : IDatabaseMaintenance
{
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        await db.Database.MigrateAsync(cancellationToken);
        logger.LogInformation(
            "Database is up to date ({Count} migration(s) applied: {Migrations})",
            pending.Count,
            pending.Count == 0 ? "none" : string.Join(", ", pending));
    }

    public Task SeedAsync(CancellationToken cancellationToken = default) => seeder.SeedAsync(cancellationToken);

    public async Task ResetAsync(CancellationToken cancellationToken = default)
    {
        await MigrateAsync(cancellationToken);
        await TruncateAllTablesAsync(cancellationToken);
        await SeedAsync(cancellationToken);
    }

    /// <summary>
    /// Empties every application table and restarts the id sequences. TRUNCATE does not fire the
    /// row-level triggers that keep <c>booking_logs</c> immutable, so a full reset still works.
    /// </summary>
    private async Task TruncateAllTablesAsync(CancellationToken cancellationToken)
    {
        var tables = await db.Database
            .SqlQuery<string>(
                $"""
                SELECT format('%I.%I', schemaname, tablename) AS "Value"
                FROM pg_tables
                WHERE schemaname = current_schema() AND tablename <> {PostgresOptions.MigrationsHistoryTable}
                """)
            .ToListAsync(cancellationToken);
        if (tables.Count == 0)
        {
            return;
        }

        // Table names come from the catalogue and are quoted by format('%I'), never from input.
#pragma warning disable EF1002
        await db.Database.ExecuteSqlRawAsync(
            $"TRUNCATE TABLE {string.Join(", ", tables)} RESTART IDENTITY CASCADE", cancellationToken);
#pragma warning restore EF1002
        logger.LogWarning("All data deleted from {Count} tables", tables.Count);
    }
}
