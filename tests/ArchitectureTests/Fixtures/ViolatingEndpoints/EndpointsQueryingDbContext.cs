using EventBooking.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace EventBooking.ArchitectureTests.Fixtures.ViolatingEndpoints;

/// <summary>Planted violation: an endpoint that queries the DbContext instead of sending a query.</summary>
internal static class EndpointsQueryingDbContext
{
    public static int CountEvents(EventBookingDbContext database) => database.Events.AsNoTracking().Count();
}
