using System.Net;
using EventBooking.WebApi.IntegrationTests.Support;

namespace EventBooking.WebApi.IntegrationTests.Pipeline;

/// <summary>Liveness and readiness probes, with the database up (see <see cref="DatabaseOutageTests"/> for down).</summary>
public sealed class HealthTests(DatabaseFixture database) : ApiTest(database)
{
    [Fact]
    public async Task GetRoot_ShouldAnswer200PlainTextOk()
    {
        var response = await Client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("OK", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task GetLive_ShouldAnswer200Healthy()
    {
        var response = await Client.GetAsync(new Uri("/health/live", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", (await ReadJsonAsync(response)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task GetReady_WhenTheDatabaseIsUp_ShouldAnswer200Healthy()
    {
        var response = await Client.GetAsync(new Uri("/health/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await ReadJsonAsync(response);
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("/", "text/plain")]
    [InlineData("/health/live", "application/json")]
    [InlineData("/health/ready", "application/json")]
    public async Task Head_ShouldAnswerLikeGet_NotMethodNotAllowed(string path, string mediaType)
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, new Uri(path, UriKind.Relative));

        var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        if (path != "/")
        {
            Assert.Contains("no-store", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        }
    }
}
