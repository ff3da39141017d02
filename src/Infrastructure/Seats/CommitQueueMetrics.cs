using EventBooking.Application.Common.Telemetry;
using EventBooking.Infrastructure.Concurrency;

namespace EventBooking.Infrastructure.Seats;

/// <summary>
/// The commit queue's wait as a metric: how long an event's batch waited for a free booking call
/// (<c>eventbooking.booking.call.wait</c>). Its calls' sizes are recorded by the executor, which also sees calls that fall
/// back to one event at a time.
/// </summary>
internal sealed class CommitQueueMetrics(EventBookingMetrics metrics) : IBatchQueueObserver
{
    public void QueuedChanged(int change)
    {
    }

    public void Taken(TimeSpan waited) => metrics.CallWait(waited);

    public void BatchStarted(int size)
    {
    }
}
