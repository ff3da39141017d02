using EventBooking.Infrastructure.Persistence;

namespace EventBooking.ArchitectureTests.Fixtures.ViolatingApplication;

/// <summary>Planted violation: a handler that uses Infrastructure's DbContext instead of a repository port.</summary>
internal sealed class HandlerUsingDbContext
{
    public EventBookingDbContext? Database { get; set; }
}
