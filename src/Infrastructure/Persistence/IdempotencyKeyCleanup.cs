using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace EventBooking.Infrastructure.Persistence;

/// <summary>Deletes expired idempotency keys once an hour (claims already ignore expired rows; this keeps the table small).</summary>
internal sealed partial class IdempotencyKeyCleanup(IServiceProvider services, ILogger<IdempotencyKeyCleanup> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var deleted = await services.GetRequiredService<IdempotencyStore>().DeleteExpiredAsync(stoppingToken);
                LogDeleted(logger, deleted);
            }
            catch (NpgsqlException ex)
            {
                // The database is away; the next tick tries again.
                LogFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Deleted {Count} expired idempotency keys")]
    private static partial void LogDeleted(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete expired idempotency keys")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
