using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace EventBooking.WebApi.IntegrationTests.Support;

/// <summary>
/// The real API in memory, wired to the test database, with the test signing key, and rate limiting
/// and the event read cache off unless a test turns them on through <paramref name="settings"/>;
/// <paramref name="services"/> may replace registrations after the API's own.
/// </summary>
public sealed class EventBookingApiFactory(
    DatabaseFixture database, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    : WebApplicationFactory<Program>
{
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
