using EventBooking.Application.Common.Telemetry;
using EventBooking.Infrastructure.Concurrency;

namespace EventBooking.Infrastructure.Seats;

/// <summary>The booking queue's work as the product's metrics: queued buyers, queue wait, batch sizes.</summary>
internal sealed class BookingQueueMetrics(EventBookingMetrics metrics) : IBatchQueueObserver
{
    public void QueuedChanged(int change) => metrics.Queued(change);

    public void Taken(TimeSpan waited) => metrics.QueueWait(waited);

    public void BatchStarted(int size) => metrics.BookingBatch(size);
}
