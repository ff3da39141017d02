using System.Net;
using EventBooking.WebApi.IntegrationTests.Support;

namespace EventBooking.WebApi.IntegrationTests.Pipeline;

/// <summary><c>X-Content-Type-Options: nosniff</c> on every answer: success, error envelope, framework and exception paths.</summary>
public sealed class ResponseHeaderTests(DatabaseFixture database) : ApiTest(database)
{
    [Fact]
    public async Task Me_WhenAnswering200_ShouldSendNosniff()
    {
        var (_, token) = await CreateUserAsync("ann@example.com");

        AssertNosniff(await SendAsync(HttpMethod.Get, "/api/auth/me", token), HttpStatusCode.OK);
    }

    [Fact]
    public async Task GetRoot_ShouldSendNosniff() =>
        AssertNosniff(await Client.GetAsync(new Uri("/", UriKind.Relative)), HttpStatusCode.OK);

    [Fact]
    public async Task Me_WhenAnswering401_ShouldSendNosniff() =>
        AssertNosniff(await SendAsync(HttpMethod.Get, "/api/auth/me"), HttpStatusCode.Unauthorized);

    [Fact]
    public async Task Get_WhenTheRouteIsUnknown_ShouldSendNosniff() =>
        AssertNosniff(await SendAsync(HttpMethod.Get, "/api/nope"), HttpStatusCode.NotFound);

    [Fact]
    public async Task Register_WhenValidationFails_ShouldSendNosniff() =>
        AssertNosniff(await SendAsync(HttpMethod.Post, "/api/auth/register", json: new { email = "x" }), HttpStatusCode.BadRequest);

    [Fact]
    public async Task Register_WhenTheBodyIsNotJson_ShouldSendNosniff() =>
        AssertNosniff(await SendTextAsync(HttpMethod.Post, "/api/auth/register", """{"email":"""), HttpStatusCode.BadRequest);

    [Fact]
    public async Task Register_WhenTheContentTypeIsWrong_ShouldSendNosniff() =>
        AssertNosniff(await SendTextAsync(HttpMethod.Post, "/api/auth/register", "{}", "text/plain"), HttpStatusCode.UnsupportedMediaType);

    private static void AssertNosniff(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.True(response.Headers.TryGetValues("X-Content-Type-Options", out var values), $"No X-Content-Type-Options on {(int)status}");
        Assert.Equal("nosniff", Assert.Single(values));
    }
}
