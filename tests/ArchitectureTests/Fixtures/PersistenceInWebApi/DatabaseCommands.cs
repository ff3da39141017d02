using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace EventBooking.ArchitectureTests.Fixtures.PersistenceInWebApi;

/// <summary>Control: the database commands are part of the composition root, async state machine included.</summary>
internal static class DatabaseCommands
{
    public static async Task<int> MigrateAsync(DbContext database, CancellationToken cancellationToken)
    {
        try
        {
            await database.Database.MigrateAsync(cancellationToken);
            return 0;
        }
        catch (NpgsqlException)
        {
            return 1;
        }
    }
}
