using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace EventBooking.Infrastructure.Health;

/// <summary>Readiness: PostgreSQL answers a trivial query within two seconds.</summary>
internal sealed class DatabaseHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            await using var command = dataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(timeout.Token);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            // The reason stays in the logs; the probe's answer says only that the database is unavailable.
            return HealthCheckResult.Unhealthy("database unavailable", ex);
        }
    }
}
