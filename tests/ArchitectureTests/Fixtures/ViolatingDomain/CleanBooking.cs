using EventBooking.Domain.Common;

namespace EventBooking.ArchitectureTests.Fixtures.ViolatingDomain;

/// <summary>Control: uses only the domain and the BCL, so the rule must not report it.</summary>
internal sealed class CleanBooking
{
    public Result LastOutcome { get; set; } = Error.Validation("Not yet cancelled.");

    public DateTime? CancelledAt { get; set; }
}
