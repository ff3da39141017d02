namespace EventBooking.Infrastructure.Seats;

/// <summary>Configuration section <c>Bookings</c>: how the booking queue (<see cref="Concurrency.KeyedBatchQueue{TKey, TItem, TOutcome}"/>) treats one event's buyers.</summary>
internal sealed class BookingOptions
{
    public const string SectionName = "Bookings";

    /// <summary>How long a buyer waits in the API for a turn before the answer is 503 with <c>Retry-After</c>.</summary>
    public static readonly TimeSpan MaxQueueWait = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How many database calls (batches) for one event this instance runs at once; the other buyers wait
    /// in the API. Env: <c>Bookings__MaxConcurrentPerEvent</c>.
    /// </summary>
    public int MaxConcurrentPerEvent { get; set; } = 1;

    /// <summary>
    /// The most bookings of one event one database call books together, under one row lock and one commit;
    /// 1 books every buyer on their own. Env: <c>Bookings__MaxBatchSize</c>.
    /// </summary>
    public int MaxBatchSize { get; set; } = 32;

    /// <summary>
    /// How many booking calls this instance runs at once, over all events; a batch that finds them all busy waits, and
    /// goes with the other waiting events' batches in the next free call. Env: <c>Bookings__MaxConcurrentCalls</c>.
    /// </summary>
    public int MaxConcurrentCalls { get; set; } = 4;

    /// <summary>
    /// The most events' batches one call books together, in one transaction (docs/adr/0021); 1 gives every event's
    /// batch a call and a commit of its own, with no limit on calls at once (before ADR 0021). Env: <c>Bookings__MaxEventsPerCall</c>.
    /// </summary>
    public int MaxEventsPerCall { get; set; } = 64;

    /// <summary>These settings as the booking queue's options.</summary>
    public void ApplyTo(Concurrency.BatchQueueOptions queue)
    {
        queue.MaxBatchSize = MaxBatchSize;
        queue.MaxConcurrentPerKey = MaxConcurrentPerEvent;
        queue.MaxWait = MaxQueueWait;
    }
}
