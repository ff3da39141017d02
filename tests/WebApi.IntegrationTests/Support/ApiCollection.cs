namespace EventBooking.WebApi.IntegrationTests.Support;

/// <summary>HTTP tests share one database and run one after another; each starts from an empty database.</summary>
[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<DatabaseFixture>
{
    public const string Name = "Api";
}
