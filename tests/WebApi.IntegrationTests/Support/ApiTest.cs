namespace EventBooking.WebApi.IntegrationTests.Support;

/// <summary>Base class for HTTP tests: an empty database and a client of the in-memory API.</summary>
[Collection(ApiCollection.Name)]
public abstract class ApiTest(DatabaseFixture database) : IAsyncLifetime
{
    private EventBookingApiFactory? _factory;

    protected DatabaseFixture Database { get; } = database;

    protected HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Database.ResetAsync();
        _factory = new EventBookingApiFactory(Database);
        Client = _factory.CreateClient();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }
}
