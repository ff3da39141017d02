using EventBooking.Application.Events;
using MediatR;
using Microsoft.Extensions.Logging;

namespace EventBooking.Application.Realtime;

/// <summary>
/// Sends committed capacity changes to every instance. (Bookings and cancellations are announced by
/// <see cref="Bookings.IBookingLedger"/> inside the same database call that makes them, so they cost
/// no extra round trip and go out only if they commit.) Delivery is best effort: the change has
/// already committed, so a failure here is logged, never thrown back at the client.
/// </summary>
internal sealed partial class SeatChangeNotificationHandler(ISeatChangePublisher publisher, ILogger<SeatChangeNotificationHandler> logger)
    : INotificationHandler<EventCapacityChanged>
{
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
