namespace EventBooking.Infrastructure.Persistence;

/// <summary>
/// Per-event admission control for bookings: at most <c>permitsPerEvent</c> bookings of one event run
/// against PostgreSQL at a time from this instance; the rest wait here, in arrival order, holding
/// neither a database connection nor a thread.
/// <para>
/// Every booking of an event takes that event's row lock in <c>create_booking</c>. With 64 buyers
/// of one event in flight, 63 of them queue on that lock inside PostgreSQL, and a row-lock queue
/// gets slower the longer it is (pgbench here: ~3,200 bookings/s at 8 clients, ~1,150 at 64, ~450 at
/// 256). Queueing in the API instead keeps the lock's queue short, so the database works at its
/// small-queue speed however many buyers arrive. Bookings of different events never wait for each other.
/// </para>
/// </summary>
internal sealed class EventAdmission(int permitsPerEvent)
{
    private readonly Dictionary<int, Gate> _gates = [];

    public int PermitsPerEvent => permitsPerEvent;

    /// <summary>Waits for a turn at <paramref name="eventId"/>; dispose the lease when the booking is done.</summary>
    public async Task<IDisposable> EnterAsync(int eventId, CancellationToken cancellationToken)
    {
        Gate gate;
        lock (_gates)
        {
            if (!_gates.TryGetValue(eventId, out gate!))
            {
                gate = new Gate(permitsPerEvent);
                _gates[eventId] = gate;
            }

            gate.Users++;
        }

        try
        {
            await gate.Permits.WaitAsync(cancellationToken);
        }
        catch
        {
            Leave(eventId, gate, held: false);
            throw;
        }

        return new Lease(this, eventId, gate);
    }

    /// <summary>Events with bookings running or waiting right now (for tests: gates do not pile up).</summary>
    internal int ActiveEvents
    {
        get
        {
            lock (_gates)
            {
                return _gates.Count;
            }
        }
    }

    private void Leave(int eventId, Gate gate, bool held)
    {
        if (held)
        {
            gate.Permits.Release();
        }

        lock (_gates)
        {
            if (--gate.Users == 0)
            {
                _gates.Remove(eventId);
                gate.Permits.Dispose();
            }
        }
    }

    private sealed class Gate(int permits)
    {
        public SemaphoreSlim Permits { get; } = new(permits, permits);

        /// <summary>Holders and waiters; guarded by the dictionary's lock.</summary>
        public int Users { get; set; }
    }

    private sealed class Lease(EventAdmission owner, int eventId, Gate gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                owner.Leave(eventId, gate, held: true);
            }
        }
    }
}
