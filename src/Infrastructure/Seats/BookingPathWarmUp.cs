using EventBooking.Application.Common.Interfaces;
using EventBooking.Infrastructure.Concurrency;

namespace EventBooking.Infrastructure.Seats;

/// <summary>
/// Runs the booking write path below the handler (the events' queues, the commit queue, the booking functions, the
/// readers of their rows) for events that cannot exist: event ids are positive, these are negative. Every call
/// locks nothing, writes nothing and answers <c>event_not_found</c> (a row per buyer, no error); anything else is a bug
/// and ends the warm-up. Many events at once, so calls of one event (<c>create_bookings</c>) and of several
/// (<c>create_bookings_across_events</c>) both run.
/// </summary>
internal sealed class BookingPathWarmUp(KeyedBatchQueue<int, PendingBooking, BookingOutcome> bookingQueue) : IStartupWarmUp
{
    /// <summary>Absent events booked at once: enough to fill a call of several events while the others run.</summary>
    private const int Events = 64;

    public string Name => "booking path";

    public async Task RunAsync(int operations, CancellationToken cancellationToken)
    {
        var next = 0;
        await Task.WhenAll(Enumerable.Range(1, Events).Select(async lane =>
        {
            while (Interlocked.Increment(ref next) <= operations)
            {
                var outcome = await bookingQueue.SubmitAsync(-lane, new PendingBooking(0, $"warmup-{lane}"), cancellationToken);
                if (outcome.Status != BookingOutcomeStatus.EventNotFound)
                {
                    throw new InvalidOperationException($"The warm-up booking of absent event {-lane} answered {outcome.Status}.");
                }
            }
        }));
    }
}
