using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace EventBooking.WebApi.IntegrationTests.Support;

/// <summary>
/// The real API in memory, wired to the test database, with the test signing key, and rate limiting,
/// the event read cache and the start-up warm-up off unless a test turns them on through <paramref name="settings"/>;
/// <paramref name="services"/> may replace registrations after the API's own.
/// </summary>
public sealed class EventBookingApiFactory(
    DatabaseFixture database, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    : WebApplicationFactory<Program>
{
    private static readonly SemaphoreSlim ContractLoad = new(1, 1);
    private static PublishedContract? _contract;

    /// <summary>
    /// A client of the in-memory API whose every answer is checked against the OpenAPI document the API publishes
    /// (<see cref="PublishedContractHandler"/>). Hides the base method so every test's client checks, not just some.
    /// </summary>
    public new HttpClient CreateClient() =>
        ClientOfThisServer(new RedirectHandler(), new CookieContainerHandler(), new PublishedContractHandler(ContractAsync));

    /// <summary>A client through <paramref name="handlers"/>, addressed to the real port when the test runs the API on Kestrel.</summary>
    private HttpClient ClientOfThisServer(params DelegatingHandler[] handlers)
    {
        var client = CreateDefaultClient(handlers);
        var server = Services.GetRequiredService<IServer>();
        if (server is not TestServer && server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() is { } address)
        {
            client.BaseAddress = new Uri(address);
        }

        return client;
    }

    /// <summary>The published document, read once per test run: every factory serves the same one.</summary>
    private async Task<PublishedContract> ContractAsync(CancellationToken cancellationToken)
    {
        if (_contract is not null)
        {
            return _contract;
        }

        await ContractLoad.WaitAsync(cancellationToken);
        try
        {
            using var client = ClientOfThisServer();
            return _contract ??= new PublishedContract(await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), cancellationToken));
        }
        finally
        {
            ContractLoad.Release();
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Default", database.ConnectionString);
        builder.UseSetting("Jwt:SigningKey", TestTokens.SigningKey);
        builder.UseSetting("Jwt:Issuer", TestTokens.Issuer);
        builder.UseSetting("Jwt:Audience", TestTokens.Audience);
        builder.UseSetting("Tickets:SigningKey", TestTickets.SigningKey);
        builder.UseSetting("RateLimiting:Enabled", "false");
        builder.UseSetting("Caching:EventReadSeconds", "0");
        builder.UseSetting("WarmUp:Enabled", "false");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        if (services is not null)
        {
            builder.ConfigureTestServices(services);
        }
    }
}
