namespace EventBooking.Application.Realtime;

/// <summary>Hands a seat change that reached this instance to its subscribed clients. Must not block.</summary>
public interface ISeatChangeDelivery
{
    void Deliver(SeatChange change);
}
