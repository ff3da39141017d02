using EventBooking.ArchitectureTests.Fixtures.SeatLedgerPort;

namespace EventBooking.ArchitectureTests.Fixtures.SeatWrites.Seats;

/// <summary>Control: the ledger implementation is where seat-changing SQL belongs.</summary>
internal sealed class PostgresSeatLedger(Func<string, object[], Task<bool>> execute) : ISeatLedger
{
    private const string Cancel = "SELECT cancel_booking($1, $2)";

    public Task<bool> BookAsync(int userId, int eventId, string bookingId, CancellationToken cancellationToken) =>
        execute("SELECT create_booking($1, $2, $3)", [userId, eventId, bookingId]);

    public Task<bool> CancelAsync(string bookingId, int actorId) => execute(Cancel, [bookingId, actorId]);
}
