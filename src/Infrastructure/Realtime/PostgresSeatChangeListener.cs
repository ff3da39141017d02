using EventBooking.Application.Realtime;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace EventBooking.Infrastructure.Realtime;

/// <summary>
/// LISTENs for seat changes on a connection of its own and hands each to every registered observer of this
/// instance (the WebSocket subscriptions, the read cache): removing one does not affect the others.
/// When the connection drops (PostgreSQL restarted, network cut) it reconnects by itself, backing off
/// from 0.5 to 2 seconds (an attempt is one refused TCP connect; waiting longer only keeps browsers behind);
/// TCP keepalives make a silently dead connection fail instead of hanging.
/// <para>
/// Every change committed while it was not listening is lost to NOTIFY, so each time it starts listening it
/// asks the observers what they follow (<see cref="ISeatChangeDelivery.Resumed"/>) and delivers those events'
/// current seats as <c>seat_update</c>, read on the same connection after <c>LISTEN</c>: a change committed
/// before that read is in it, one committed after it arrives as a notification after it.
/// </para>
/// <para>
/// Its connection is the instance's sentinel: when PostgreSQL drops it, the server has most likely
/// dropped every idle connection in the request pool too, and each of those would fail the first
/// request that picks it up (Npgsql only notices on use). So losing an established connection clears
/// <paramref name="requestPool"/>, and requests after a restart open fresh connections instead of
/// answering 503 once per instance.
/// </para>
/// </summary>
internal sealed partial class PostgresSeatChangeListener(
    string connectionString,
    NpgsqlDataSource requestPool,
    IEnumerable<ISeatChangeDelivery> observers,
    ILogger<PostgresSeatChangeListener> logger) : BackgroundService
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MaxRetry = TimeSpan.FromSeconds(2);

    /// <summary>How its connection shows in <c>pg_stat_activity</c>.</summary>
    public const string ApplicationName = "eventbooking-seat-listener";

    private readonly ISeatChangeDelivery[] _observers = [.. observers];
    private int _listening;

    /// <summary>Whether the listener is connected and listening right now.</summary>
    public bool IsListening => Volatile.Read(ref _listening) == 1;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retry = FirstRetry;
        var builder = new NpgsqlConnectionStringBuilder(connectionString)
        {
            Pooling = false,
            KeepAlive = 10,
            Timeout = 5,
            ApplicationName = ApplicationName,
        };
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(builder.ConnectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += OnNotification;
                await using (var listen = new NpgsqlCommand($"LISTEN {SeatChangeChannel.Name}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                Volatile.Write(ref _listening, 1);
                LogListening(logger, SeatChangeChannel.Name);
                retry = FirstRetry;
                await CatchUpAsync(connection, stoppingToken);
                while (true)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // Whatever broke the connection, the listener must come back rather than stop the host.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                // Cleared before the flag drops: whoever sees IsListening turn false finds the pool already fresh.
                if (Volatile.Read(ref _listening) == 1)
                {
                    requestPool.Clear();
                    LogPoolCleared(logger);
                }

                Volatile.Write(ref _listening, 0);
                LogLost(logger, ex, retry.TotalSeconds);
                await Task.Delay(retry, stoppingToken);
                retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, MaxRetry.Ticks));
            }
            finally
            {
                Volatile.Write(ref _listening, 0);
            }
        }
    }

    /// <summary>
    /// The current seats of every event an observer follows, delivered row by row as they are read: notifications
    /// of commits after this query's snapshot follow its rows on this connection, so they are delivered after.
    /// </summary>
    private async Task CatchUpAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var followed = new HashSet<int>();
        foreach (var observer in _observers)
        {
            followed.UnionWith(observer.Resumed());
        }

        if (followed.Count == 0)
        {
            return;
        }

        await using var query = new NpgsqlCommand("SELECT id, available_seats, seat_capacity FROM events WHERE id = ANY($1)", connection)
        {
            Parameters = { new NpgsqlParameter { Value = followed.ToArray() } },
        };
        await using var reader = await query.ExecuteReaderAsync(cancellationToken);
        var delivered = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            Deliver(new SeatChange(SeatChange.SeatUpdate, reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2)));
            delivered++;
        }

        LogCaughtUp(logger, delivered);
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs e)
    {
        if (SeatChangeChannel.Deserialize(e.Payload) is { } change)
        {
            Deliver(change);
        }
    }

    private void Deliver(SeatChange change)
    {
        foreach (var observer in _observers)
        {
            observer.Deliver(change);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Listening for seat changes on {Channel}")]
    private static partial void LogListening(ILogger logger, string channel);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent the current seats of {Events} followed events to their watchers (changes while not listening were not notified)")]
    private static partial void LogCaughtUp(ILogger logger, int events);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cleared the request connection pool: its idle connections were most likely closed by the server too")]
    private static partial void LogPoolCleared(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Seat-change listener lost its connection; reconnecting in {Seconds} s")]
    private static partial void LogLost(ILogger logger, Exception exception, double seconds);
}
