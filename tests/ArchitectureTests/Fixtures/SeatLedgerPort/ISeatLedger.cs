namespace EventBooking.ArchitectureTests.Fixtures.SeatLedgerPort;

/// <summary>Stands in for Application's seat-ledger port in the planted violations that use it.</summary>
internal interface ISeatLedger
{
    Task<bool> BookAsync(int userId, int eventId, string bookingId, CancellationToken cancellationToken);
}
