using EventBooking.Application.Bookings;
using EventBooking.Application.Events;
using MediatR;
using Microsoft.Extensions.Logging;

namespace EventBooking.Application.Realtime;

/// <summary>
/// Turns the use cases' committed changes into seat changes for every instance. Real-time delivery is
/// best effort: the booking has already been committed, so a failure here is logged, never thrown
/// back at the client who booked.
/// </summary>
internal sealed partial class SeatChangeNotificationHandler(ISeatChangePublisher publisher, ILogger<SeatChangeNotificationHandler> logger)
    : INotificationHandler<BookingCreated>, INotificationHandler<BookingCancelled>, INotificationHandler<EventCapacityChanged>
{
    public Task Handle(BookingCreated notification, CancellationToken cancellationToken) =>
        PublishAsync(new SeatChange(SeatChange.BookingCreated, notification.EventId, notification.AvailableSeats), cancellationToken);

    public Task Handle(BookingCancelled notification, CancellationToken cancellationToken) =>
        PublishAsync(new SeatChange(SeatChange.BookingCancelled, notification.EventId, notification.AvailableSeats), cancellationToken);

    public Task Handle(EventCapacityChanged notification, CancellationToken cancellationToken) =>
        PublishAsync(
            new SeatChange(SeatChange.SeatUpdate, notification.EventId, notification.AvailableSeats, notification.SeatCapacity),
            cancellationToken);

    private async Task PublishAsync(SeatChange change, CancellationToken cancellationToken)
    {
        try
        {
            await publisher.PublishAsync(change, cancellationToken);
        }
#pragma warning disable CA1031 // Any failure here must not turn a committed booking into an error answer.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            LogPublishFailed(logger, ex, change.Type, change.EventId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not publish {Type} for event {EventId}; subscribers miss this update")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, string type, int eventId);
}
