using System.Security.Cryptography;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace EventBooking.Infrastructure.Persistence;

/// <summary>
/// This process's lease in PostgreSQL: a session advisory lock (<c>pg_advisory_lock(LockClass, Id)</c>) held on a
/// connection of its own for as long as the process runs. When the process dies (crash, SIGKILL, host lost), its
/// connection closes and PostgreSQL releases the lock at once; so another instance can tell work that is still running
/// on a live instance from work that died with its instance, without waiting for a timeout
/// (<see cref="IdempotencyStore"/> takes over a dead instance's in-progress keys at once).
/// <para>
/// The connection is unpooled (a pooled one would keep the lock after the process is done with it) and uses TCP
/// keepalives, and it reconnects by itself, backing off from 0.5 to 2 seconds. While it is not held,
/// <see cref="HeldId"/> is null and work claimed meanwhile carries no owner: it falls back to the time-out rule.
/// </para>
/// </summary>
internal sealed partial class InstanceLease(string connectionString, ILogger<InstanceLease> logger) : BackgroundService
{
    /// <summary>The advisory lock class (first key) of instance leases: "EBLS".</summary>
    public const int LockClass = 0x45424C53;

    /// <summary>How its connection shows in <c>pg_stat_activity</c>.</summary>
    public const string ApplicationName = "eventbooking-instance-lease";

    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MaxRetry = TimeSpan.FromSeconds(2);

    private int _held;

    /// <summary>This process's id (the lock's second key), random per start.</summary>
    public int Id { get; } = RandomNumberGenerator.GetInt32(1, int.MaxValue);

    /// <summary><see cref="Id"/> while the lock is held, else null.</summary>
    public int? HeldId => Volatile.Read(ref _held) == 1 ? Id : null;

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
                await using (var command = new NpgsqlCommand("SELECT pg_advisory_lock($1, $2)", connection))
                {
                    command.Parameters.Add(new NpgsqlParameter { Value = LockClass });
                    command.Parameters.Add(new NpgsqlParameter { Value = Id });
                    await command.ExecuteNonQueryAsync(stoppingToken);
                }

                Volatile.Write(ref _held, 1);
                LogHeld(logger, Id);
                retry = FirstRetry;

                // Nothing is ever sent on this connection: waiting on it returns only when it breaks (or on shutdown).
                while (true)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // Whatever broke the connection, the lease must come back rather than stop the host.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Volatile.Write(ref _held, 0);
                LogLost(logger, ex, retry.TotalSeconds);
                await Task.Delay(retry, stoppingToken);
                retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, MaxRetry.Ticks));
            }
            finally
            {
                Volatile.Write(ref _held, 0);
            }
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Instance lease {InstanceId} held")]
    private static partial void LogHeld(ILogger logger, int instanceId);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Instance lease lost; retrying in {RetrySeconds} s")]
    private static partial void LogLost(ILogger logger, Exception exception, double retrySeconds);
}
