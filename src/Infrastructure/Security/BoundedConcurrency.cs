using EventBooking.Application.Common.Exceptions;

namespace EventBooking.Infrastructure.Security;

/// <summary>
/// Lets at most <c>slots</c> callers in at once; up to <c>maxWaiting</c> more wait (asynchronously, holding
/// no thread) for at most <c>maxWait</c>. Anyone beyond that is refused with <see cref="ServiceBusyException"/>.
/// </summary>
internal sealed class BoundedConcurrency(int slots, int maxWaiting, TimeSpan maxWait) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(slots, slots);

    /// <summary>Callers inside or waiting: never more than slots + maxWaiting.</summary>
    private int _admitted;

    /// <summary>Whether <see cref="EnterAsync"/> would refuse at once right now.</summary>
    public bool IsFull => Volatile.Read(ref _admitted) >= slots + maxWaiting;

    /// <summary>Callers inside or waiting right now (a queue depth, for metrics).</summary>
    public int Admitted => Volatile.Read(ref _admitted);

    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _admitted) > slots + maxWaiting)
        {
            Interlocked.Decrement(ref _admitted);
            throw new ServiceBusyException(TimeSpan.FromSeconds(1));
        }

        bool entered;
        try
        {
            entered = await _slots.WaitAsync(maxWait, cancellationToken);
        }
        catch
        {
            Interlocked.Decrement(ref _admitted);
            throw;
        }

        if (!entered)
        {
            Interlocked.Decrement(ref _admitted);
            throw new ServiceBusyException(TimeSpan.FromSeconds(1));
        }

        return new Lease(this);
    }

    public void Dispose() => _slots.Dispose();

    private void Leave()
    {
        _slots.Release();
        Interlocked.Decrement(ref _admitted);
    }

    private sealed class Lease(BoundedConcurrency owner) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                owner.Leave();
            }
        }
    }
}
