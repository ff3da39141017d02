using EventBooking.Application.Common.Interfaces;
using Npgsql;

namespace EventBooking.Infrastructure.Persistence;

/// <summary>Reads Npgsql's exceptions and PostgreSQL's SQLSTATE codes, anywhere in the inner-exception chain.</summary>
internal sealed class PostgresFailures : IDatabaseFailures
{
    public bool IsInvalidText(Exception exception)
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

    public bool IsUnavailable(Exception exception)
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
