using Npgsql;

namespace EventBooking.ArchitectureTests.Fixtures.ViolatingApplication;

/// <summary>Planted violation: a handler that talks to PostgreSQL directly.</summary>
internal sealed class HandlerOpeningNpgsqlConnection
{
    public NpgsqlConnection? Connection { get; set; }
}
