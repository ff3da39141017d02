using EventBooking.ArchitectureTests.Fixtures.SeatLedgerPort;

namespace EventBooking.ArchitectureTests.Fixtures.DispatchingWebApi.Caching;

/// <summary>Planted violation: a cache that books through the seat ledger instead of sending a command.</summary>
internal sealed class SeatCache(ISeatLedger ledger)
{
    public Task<bool> BookAsync(int userId, int eventId) => ledger.BookAsync(userId, eventId, "BK-FIXTURE", CancellationToken.None);
}
