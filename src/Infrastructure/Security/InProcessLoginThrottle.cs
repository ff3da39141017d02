using System.Collections.Concurrent;
using EventBooking.Application.Common.Interfaces;

namespace EventBooking.Infrastructure.Security;

/// <summary>
/// Failed-login counts per (account, client), kept in this process: <see cref="MaxFailures"/> failures
/// within <see cref="Window"/> lock that client out of that account for <see cref="LockDuration"/>.
/// Keyed by both, so failing on purpose cannot lock the real owner out. Each API instance counts on
/// its own; the per-client rate limit applies on top.
/// </summary>
internal sealed class InProcessLoginThrottle(TimeProvider clock) : ILoginThrottle
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan LockDuration = TimeSpan.FromMinutes(15);

    /// <summary>Above this many entries, expired ones are swept, at most once a minute.</summary>
    private const int SweepAbove = 10_000;
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<(string Email, string Client), Attempts> _attempts = new();
    private long _lastSweepTicks;

    public TimeSpan? LockedFor(string normalizedEmail, string client)
    {
        var now = clock.GetUtcNow();
        return _attempts.TryGetValue((normalizedEmail, client), out var attempts) && attempts.LockedUntil > now
            ? attempts.LockedUntil - now
            : null;
    }

    public void RecordFailure(string normalizedEmail, string client)
    {
        var now = clock.GetUtcNow();
        SweepIfLarge(now);
        _attempts.AddOrUpdate(
            (normalizedEmail, client),
            _ => new Attempts(1, now, DateTimeOffset.MinValue),
            (_, previous) =>
            {
                var attempts = previous.WindowStart + Window <= now
                    ? new Attempts(1, now, previous.LockedUntil)
                    : previous with { Failures = previous.Failures + 1 };
                return attempts.Failures >= MaxFailures ? new Attempts(0, now, now + LockDuration) : attempts;
            });
    }

    public void RecordSuccess(string normalizedEmail, string client) => _attempts.TryRemove((normalizedEmail, client), out _);

    private void SweepIfLarge(DateTimeOffset now)
    {
        var last = Interlocked.Read(ref _lastSweepTicks);
        if (_attempts.Count <= SweepAbove || now.UtcTicks - last < SweepInterval.Ticks
            || Interlocked.CompareExchange(ref _lastSweepTicks, now.UtcTicks, last) != last)
        {
            return;
        }

        foreach (var (key, attempts) in _attempts)
        {
            if (attempts.WindowStart + Window <= now && attempts.LockedUntil <= now)
            {
                _attempts.TryRemove(key, out _);
            }
        }
    }

    private sealed record Attempts(int Failures, DateTimeOffset WindowStart, DateTimeOffset LockedUntil);
}
