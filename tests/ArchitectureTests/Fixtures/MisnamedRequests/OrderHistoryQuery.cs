namespace EventBooking.ArchitectureTests.Fixtures.MisnamedRequests;

/// <summary>Planted violation: a SQL builder named like a query, in a layer where queries are requests.</summary>
internal sealed class OrderHistoryQuery
{
    public string Sql { get; } = "select * from order_history";
}
