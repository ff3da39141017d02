namespace EventBooking.ArchitectureTests.Fixtures.NonStaticEndpoints.Realtime;

/// <summary>Control: not an endpoint class, so it may hold state and the rule must not report it.</summary>
internal sealed class TrackingHub
{
    private int _connections;

    public int Connect() => ++_connections;
}
