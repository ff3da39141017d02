using EventBooking.ArchitectureTests.Fixtures.SeatWrites.Seats;

namespace EventBooking.ArchitectureTests.Fixtures.SeatWrites.Http;

/// <summary>Planted violation: takes the concrete ledger, not the port.</summary>
internal sealed class RefundService(PostgresSeatLedger ledger)
{
    public Task<bool> RefundAsync(string bookingId, int actorId) => ledger.CancelAsync(bookingId, actorId);
}
