using EventBooking.WebApi.IntegrationTests.Support;

namespace EventBooking.WebApi.IntegrationTests.Attacks;

/// <summary>On the real server (Kestrel, not the in-memory one): no Server banner, nosniff on every answer.</summary>
public sealed class ServerBannerTests(DatabaseFixture database) : ApiTest(database)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/api/events")]
    [InlineData("/api/nope")]
    [InlineData("/api/auth/me")]
    public async Task Answers_FromKestrel_ShouldCarryNoServerBannerAndNosniff(string path)
    {
        await using var factory = new EventBookingApiFactory(Database);
        factory.UseKestrel(0);
        factory.StartServer();
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.False(response.Headers.Contains("Server"), $"Server header: {string.Join(",", response.Headers.Server)}");
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }
}
