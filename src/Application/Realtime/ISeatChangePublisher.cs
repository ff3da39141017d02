namespace EventBooking.Application.Realtime;

/// <summary>Sends a committed seat change to every API instance (PostgreSQL NOTIFY).</summary>
public interface ISeatChangePublisher
{
    Task PublishAsync(SeatChange change, CancellationToken cancellationToken);
}
