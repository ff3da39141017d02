namespace EventBooking.ArchitectureTests.Fixtures.NonStaticEndpoints.Realtime;

/// <summary>Planted violation: outside the endpoints namespace, but named *Endpoints, and holding state.</summary>
internal sealed class TrackingEndpoints
{
    private int _connections;

    public int Connect() => ++_connections;
}
