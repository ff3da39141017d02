namespace EventBooking.Application.Realtime;

/// <summary>
/// Announces a seat change to every API instance (PostgreSQL NOTIFY). Called inside the transaction that
/// makes the change: PostgreSQL delivers it only if, and when, that transaction commits.
/// </summary>
public interface ISeatChangePublisher
{
    Task PublishAsync(SeatChange change, CancellationToken cancellationToken);
}
