using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace EventBooking.Infrastructure.Seats;

/// <summary>
/// Every <see cref="WaitlistOptions.ExpiryCheckSeconds"/>, passes expired offers on and offers any free seat that
/// waiting users were not offered (<c>expire_waitlist_offers</c>). Safe on any number of instances: the function
/// claims each event with <c>FOR UPDATE SKIP LOCKED</c>, so no two workers handle one event at once, and every step
/// happens under the event's row lock. Survives restarts: all its state is in the database.
/// </summary>
internal sealed partial class WaitlistExpiryWorker(
    NpgsqlDataSource dataSource, IOptions<WaitlistOptions> options, ILogger<WaitlistExpiryWorker> logger) : BackgroundService
{
    /// <summary>One round: how many offers expired and how many were made, over all the events it claimed.</summary>
    public async Task<(int Expired, int Offered)> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT coalesce(sum(expired), 0)::int, coalesce(sum(offered), 0)::int FROM expire_waitlist_offers($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = options.Value.OfferSeconds });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt32(0), reader.GetInt32(1));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.ExpiryCheckSeconds));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var (expired, offered) = await RunOnceAsync(stoppingToken);
                if (expired > 0 || offered > 0)
                {
                    LogRound(logger, expired, offered);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // the next round tries again (the database may be restarting)
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Waiting list: {Expired} offers expired, {Offered} offers made")]
    private static partial void LogRound(ILogger logger, int expired, int offered);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Waiting-list expiry round failed; trying again next round")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
