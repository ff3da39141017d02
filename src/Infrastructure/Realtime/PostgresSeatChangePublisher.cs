using EventBooking.Application.Realtime;
using Npgsql;

namespace EventBooking.Infrastructure.Realtime;

/// <summary>NOTIFY on the seat-change channel: every instance listening, this one included, receives it.</summary>
internal sealed class PostgresSeatChangePublisher(NpgsqlDataSource dataSource) : ISeatChangePublisher
{
    public async Task PublishAsync(SeatChange change, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT pg_notify($1, $2)");
        command.Parameters.Add(new NpgsqlParameter { Value = SeatChangeChannel.Name });
        command.Parameters.Add(new NpgsqlParameter { Value = SeatChangeChannel.Serialize(change) });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
