namespace EventBooking.ArchitectureTests.Rules;

/// <summary>Where seat state may be written: the seat-ledger implementation, behind Application's port.</summary>
public static class SeatLedgerRules
{
    /// <summary>The home of the <c>ISeatLedger</c> implementation.</summary>
    public const string LedgerNamespace = "EventBooking.Infrastructure.Seats";

    /// <summary>Application's port; the rest of the code books and cancels through it.</summary>
    public const string PortFullName = "EventBooking.Application.Bookings.ISeatLedger";

    public const string MigrationsNamespace = "EventBooking.Infrastructure.Persistence.Migrations";
}
