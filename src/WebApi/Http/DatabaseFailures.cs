using Npgsql;

namespace EventBooking.WebApi.Http;

/// <summary>Tells "PostgreSQL cannot be reached" (503, retry later) apart from everything else (500, a bug).</summary>
internal static class DatabaseFailures
{
    /// <summary>
    /// PostgreSQL refused text it cannot store (a NUL character, an invalid byte sequence): bad input
    /// that slipped past the validators, e.g. in a query string. Nothing was written.
    /// </summary>
    public static bool IsInvalidText(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is PostgresException { SqlState: PostgresErrorCodes.CharacterNotInRepertoire or PostgresErrorCodes.UntranslatableCharacter })
            {
                return true;
            }
        }

        return false;
    }

    public static bool IsUnavailable(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case PostgresException postgres:
                    // 08: connection exceptions; 57P0x: the server is shutting down or starting; 53300: too many connections.
                    return postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
                        || postgres.SqlState is "57P01" or "57P02" or "57P03" or PostgresErrorCodes.TooManyConnections;
                case NpgsqlException:
                    // Not a PostgresException: the server was never reached (refused, reset, timed out, pool exhausted).
                    return true;
                case TimeoutException:
                    return true;
            }
        }

        return false;
    }
}
