using EventBooking.Infrastructure.Persistence;

namespace EventBooking.ArchitectureTests.Fixtures.DispatchingWebApi.Http;

/// <summary>Planted violation: an export that counts rows on the DbContext instead of sending a query.</summary>
internal static class ReportExporter
{
    public static int CountEvents(EventBookingDbContext database) => database.Events.Count();
}
