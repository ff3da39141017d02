namespace EventBooking.Infrastructure.IntegrationTests.Support;

/// <summary>Tests sharing the database run one after another; each starts from an empty database.</summary>
[CollectionDefinition(Name)]
public sealed class DatabaseCollection : ICollectionFixture<DatabaseFixture>
{
    public const string Name = "Database";
}
