using EventBooking.Domain.Events;

namespace EventBooking.ArchitectureTests.Fixtures.DispatchingWebApi.Http;

/// <summary>Planted violation: a filter that loads the aggregate through its repository.</summary>
internal sealed class EventLookupFilter(IEventRepository events)
{
    public async Task<bool> ExistsAsync(int eventId, CancellationToken cancellationToken) =>
        await events.GetSnapshotAsync(eventId, cancellationToken) is not null;
}
