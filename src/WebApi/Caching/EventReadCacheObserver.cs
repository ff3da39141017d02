using EventBooking.Application.Common.Notifications;
using EventBooking.Application.Realtime;
using Microsoft.AspNetCore.OutputCaching;

namespace EventBooking.WebApi.Caching;

/// <summary>
/// Empties the cache when events change (at once) and when seats change (at most once per
/// <see cref="EventReadCache.SeatChangeWindow"/>), wherever the change was made, and when the listener comes
/// back after missing changes.
/// </summary>
internal sealed class EventReadCacheObserver(IOutputCacheStore store, EventReadCacheGeneration generation) : IEventChangeObserver, ISeatChangeDelivery
{
    private readonly Lock _lock = new();
    private long _last = long.MinValue;
    private bool _pending;

    public void OnEventsChanged(EventChangeKind kind)
    {
        if (kind == EventChangeKind.Seats)
        {
            Request();
        }
        else
        {
            Forget(EventReadCache.Empty(store, generation));
        }
    }

    public void Deliver(SeatChange change) => Request();

    /// <summary>Any entry may predate a change that was never heard of: empty now.</summary>
    public IReadOnlyCollection<int> Resumed()
    {
        Forget(EventReadCache.Empty(store, generation));
        return [];
    }

    /// <summary>Empties now if the window since the last emptying has passed, else once at its end.</summary>
    private void Request()
    {
        TimeSpan wait;
        lock (_lock)
        {
            if (_pending)
            {
                return;
            }

            var now = System.Diagnostics.Stopwatch.GetTimestamp();
            wait = _last == long.MinValue ? TimeSpan.Zero : EventReadCache.SeatChangeWindow - System.Diagnostics.Stopwatch.GetElapsedTime(_last, now);
            if (wait <= TimeSpan.Zero)
            {
                _last = now;
            }
            else
            {
                _pending = true;
            }
        }

        if (wait <= TimeSpan.Zero)
        {
            Forget(EventReadCache.Empty(store, generation));
        }
        else
        {
            _ = EmptyLaterAsync(wait);
        }
    }

    private async Task EmptyLaterAsync(TimeSpan wait)
    {
        await Task.Delay(wait).ConfigureAwait(false);
        lock (_lock)
        {
            _pending = false;
            _last = System.Diagnostics.Stopwatch.GetTimestamp();
        }

        await EventReadCache.Empty(store, generation).ConfigureAwait(false);
    }

    /// <summary>The in-memory store evicts synchronously; anything else finishes on its own.</summary>
    private static void Forget(ValueTask eviction)
    {
        if (!eviction.IsCompleted)
        {
            _ = eviction.AsTask();
        }
    }
}
