using EventBooking.Infrastructure.Persistence;

namespace EventBooking.ArchitectureTests.Fixtures.ViolatingDomain;

/// <summary>Planted violation: a domain type that uses a type from the Infrastructure layer.</summary>
internal sealed class BookingWithInfrastructureType
{
    public EventBookingDbContext? Database { get; set; }
}
