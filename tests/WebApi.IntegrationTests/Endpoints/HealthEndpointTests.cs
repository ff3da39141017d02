using System.Net;
using EventBooking.WebApi.IntegrationTests.Support;

namespace EventBooking.WebApi.IntegrationTests.Endpoints;

public sealed class HealthEndpointTests(DatabaseFixture database) : ApiTest(database)
{
    [Fact]
    public async Task GetRoot_ShouldAnswerOkAsPlainText()
    {
        var response = await Client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("OK", await response.Content.ReadAsStringAsync());
    }
}
