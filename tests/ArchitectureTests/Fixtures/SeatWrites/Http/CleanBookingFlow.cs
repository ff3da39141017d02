using EventBooking.ArchitectureTests.Fixtures.SeatLedgerPort;

namespace EventBooking.ArchitectureTests.Fixtures.SeatWrites.Http;

/// <summary>Control: books through the port.</summary>
internal sealed class CleanBookingFlow(ISeatLedger ledger)
{
    public Task<bool> BookAsync(int userId, int eventId) => ledger.BookAsync(userId, eventId, "BK-FIXTURE", CancellationToken.None);
}
