using Npgsql;

namespace EventBooking.ArchitectureTests.Fixtures.PersistenceInWebApi.Http;

/// <summary>Planted violation: error mapping that inspects Npgsql's exceptions itself.</summary>
internal static class DatabaseFailures
{
    public static bool IsUnavailable(Exception exception) => exception is NpgsqlException and not PostgresException;
}
