namespace EventBooking.Application.Realtime;

/// <summary>Hands a seat change that reached this instance to its subscribed clients. Must not block.</summary>
public interface ISeatChangeDelivery
{
    void Deliver(SeatChange change);

    /// <summary>
    /// The feed of changes was interrupted (the listener lost its connection) and has resumed: changes made
    /// meanwhile never arrived. Brings whatever this delivery holds up to date and returns the events whose
    /// current seats it needs: each of them is delivered next as a <see cref="SeatChange.SeatUpdate"/>. Must not block.
    /// </summary>
    IReadOnlyCollection<int> Resumed();
}
