using System.Reflection;
using System.Text.RegularExpressions;

namespace EventBooking.ArchitectureTests.Rules;

/// <summary>
/// Seat state (an event's available seats and capacity, and the booking rows that consume them) is
/// written in one place, the seat-ledger implementation behind Application's port, plus the migrations
/// that create the stored functions. Everyone else books and cancels through the port.
/// </summary>
public static class SeatLedgerRules
{
    /// <summary>The home of the <c>ISeatLedger</c> implementation.</summary>
    public const string LedgerNamespace = "EventBooking.Infrastructure.Seats";

    /// <summary>Application's port; the rest of the code books and cancels through it.</summary>
    public const string PortFullName = "EventBooking.Application.Bookings.ISeatLedger";

    public const string MigrationsNamespace = "EventBooking.Infrastructure.Persistence.Migrations";

    /// <summary>
    /// SQL that changes seat state: a call of the ledger functions (waiting list and check-in included), a write of a
    /// booking, waiting-list or check-in row, an
    /// assignment to a seat column (in a <c>SET</c> clause, or as arithmetic on itself), or an event row
    /// inserted with its seat counts. Reads, comparisons included (<c>WHERE available_seats = seat_capacity</c>),
    /// do not match.
    /// </summary>
    public static Regex SeatWrite { get; } = new(
        """
        \b(?:create_bookings?(?:_across_events)?|cancel_booking(?:_outcome)?|transfer_booking|resize_event
            |join_waitlist|leave_waitlist|accept_waitlist_offer|expire_waitlist_offers|waitlist_offer_free_seats|waitlist_release_offer
            |check_in_booking|undo_check_in)\s*\(
        | \b(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+(?:\w+\.)?check_ins\b
        | \b(?:INSERT\s+INTO|UPDATE)\s+(?:\w+\.)?(?:bookings|waitlist_entries)\b
        | \bSET\s(?:(?!\bWHERE\b)[^;])*?\b(?:\w+\.)?(?:available_seats|seat_capacity)\s*=(?!=)
        | \b(?:available_seats|seat_capacity)\s*=\s*(?:\w+\.)?(?:available_seats|seat_capacity)\s*[-+]
        | \bINSERT\s+INTO\s+(?:\w+\.)?events\s*\([^)]*?\b(?:available_seats|seat_capacity)\b
        """,
        RegexOptions.IgnoreCase | RegexOptions.IgnorePatternWhitespace | RegexOptions.CultureInvariant,
        TimeSpan.FromSeconds(1));

    public static StringLiteralRule SeatWrites { get; } = SeatWritesOutside(LedgerNamespace, MigrationsNamespace);

    /// <summary>The seat-write rule, for the real ledger namespace or a planted one.</summary>
    public static StringLiteralRule SeatWritesOutside(string ledgerNamespace, string migrationsNamespace) =>
        new($"SQL that writes seat state outside {ledgerNamespace} and {migrationsNamespace}", SeatWrite, [ledgerNamespace, migrationsNamespace]);

    /// <summary>
    /// The concrete ledgers: classes in <paramref name="ledgerNamespace"/> (or below) that implement the
    /// port <paramref name="portFullName"/>. Full names, as a <see cref="DependencyRule"/> forbids them.
    /// </summary>
    public static IReadOnlyList<string> ConcreteLedgers(Assembly assembly, string ledgerNamespace, string portFullName) =>
        SourceTypes.InNamespace(assembly, ledgerNamespace)
            .Where(type => type is { IsClass: true, IsAbstract: false })
            .Where(type => type.GetInterfaces().Any(port => string.Equals(port.FullName, portFullName, StringComparison.Ordinal)))
            .Select(SourceTypes.NameOf)
            .ToList();

    /// <summary>Nothing outside the ledger namespace and the composition root names a concrete ledger.</summary>
    public static DependencyRule ConcreteLedgerRule(IReadOnlyList<string> concreteLedgers) =>
        new("Outside the seat ledger and the composition root, code", concreteLedgers);
}
