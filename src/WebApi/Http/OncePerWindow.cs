namespace EventBooking.WebApi.Http;

/// <summary>
/// Lets the first occurrence in each window through and counts the others, so a failure that hits every
/// request (the database down for seconds) is logged once per window with how many were left out, rather
/// than once per request: build/chaos.sh's 7-second outage used to write 735 identical stack traces.
/// </summary>
internal sealed class OncePerWindow(TimeProvider clock, TimeSpan window)
{
    private readonly Lock _lock = new();
    private long _windowStart;
    private bool _started;
    private int _skipped;

    /// <summary>True for the first occurrence of a window; <paramref name="skipped"/> is how many were held back since the last one let through.</summary>
    public bool TryPass(out int skipped)
    {
        var now = clock.GetTimestamp();
        lock (_lock)
        {
            if (_started && clock.GetElapsedTime(_windowStart, now) < window)
            {
                _skipped++;
                skipped = 0;
                return false;
            }

            _started = true;
            _windowStart = now;
            skipped = _skipped;
            _skipped = 0;
            return true;
        }
    }
}
