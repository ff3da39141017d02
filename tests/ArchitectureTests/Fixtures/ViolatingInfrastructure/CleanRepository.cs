using Microsoft.EntityFrameworkCore;

namespace EventBooking.ArchitectureTests.Fixtures.ViolatingInfrastructure;

/// <summary>Control: EF Core is Infrastructure's own business, so the rule must not report it.</summary>
internal sealed class CleanRepository
{
    public DbContext? Context { get; set; }
}
