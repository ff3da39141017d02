using Microsoft.EntityFrameworkCore;

namespace EventBooking.ArchitectureTests.Fixtures.ViolatingDomain;

/// <summary>Planted violation: a domain type that reaches for EF Core.</summary>
internal sealed class BookingWithDbContext
{
    public DbContext? Context { get; set; }
}
