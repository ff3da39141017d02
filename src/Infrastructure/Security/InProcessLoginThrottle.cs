using System.Collections.Concurrent;
using EventBooking.Application.Common.Interfaces;

namespace EventBooking.Infrastructure.Security;

/// <summary>
/// Failed-login counts kept in this process: <see cref="MaxFailures"/> failures within
/// <see cref="Window"/> lock the account for <see cref="LockDuration"/>. Each API instance counts on its
/// own, so with N instances a guesser gets at most N × 5 tries per window (still far too few to matter,
/// and the per-client rate limit applies on top).
/// </summary>
internal sealed class InProcessLoginThrottle(TimeProvider clock) : ILoginThrottle
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan LockDuration = TimeSpan.FromMinutes(15);

    /// <summary>Above this many tracked emails, expired entries are swept before adding more.</summary>
    private const int SweepAbove = 10_000;

    private readonly ConcurrentDictionary<string, Attempts> _attempts = new(StringComparer.Ordinal);

    public TimeSpan? LockedFor(string normalizedEmail)
    {
        var now = clock.GetUtcNow();
        return _attempts.TryGetValue(normalizedEmail, out var attempts) && attempts.LockedUntil > now
            ? attempts.LockedUntil - now
            : null;
    }

    public void RecordFailure(string normalizedEmail)
    {
        var now = clock.GetUtcNow();
        if (_attempts.Count > SweepAbove)
        {
            Sweep(now);
        }

        _attempts.AddOrUpdate(
            normalizedEmail,
            _ => new Attempts(1, now, DateTimeOffset.MinValue),
            (_, previous) =>
            {
                var attempts = previous.WindowStart + Window <= now ? new Attempts(1, now, previous.LockedUntil) : previous with { Failures = previous.Failures + 1 };
                return attempts.Failures >= MaxFailures ? new Attempts(0, now, now + LockDuration) : attempts;
            });
    }

    public void RecordSuccess(string normalizedEmail) => _attempts.TryRemove(normalizedEmail, out _);

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (email, attempts) in _attempts)
        {
            if (attempts.WindowStart + Window <= now && attempts.LockedUntil <= now)
            {
                _attempts.TryRemove(email, out _);
            }
        }
    }

    private sealed record Attempts(int Failures, DateTimeOffset WindowStart, DateTimeOffset LockedUntil);
}
