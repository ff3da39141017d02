using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using EventBooking.WebApi.IntegrationTests.Support;

namespace EventBooking.WebApi.IntegrationTests.Pipeline;

/// <summary>
/// Issue 16: a client that asks for <c>application/problem+json</c> gets its errors as RFC 9457 Problem Details, with
/// the envelope's <c>code</c>, <c>traceId</c>, <c>timestamp</c> and <c>details</c> as extension members; everyone else
/// keeps the envelope, which existing clients read. (Every answer here is also checked against the published schema.)
/// </summary>
public sealed class ProblemDetailsTests(DatabaseFixture database) : ApiTest(database)
{
    [Fact]
    public async Task NotFound_WhenProblemDetailsAreAskedFor_ShouldAnswerRfc9457WithTheSameCode()
    {
        var response = await Client.SendAsync(AskingForProblems(Request(HttpMethod.Get, "/api/events/999999")));

        var problem = await AssertProblemAsync(response, HttpStatusCode.NotFound, "NOT_FOUND");
        Assert.Equal("Not Found", problem.GetProperty("title").GetString());
        Assert.Equal("Event not found", problem.GetProperty("detail").GetString());
        Assert.Equal("/api/events/999999", problem.GetProperty("instance").GetString());
        Assert.False(problem.TryGetProperty("details", out _));
    }

    [Fact]
    public async Task ValidationError_AsProblemDetails_ShouldCarryTheSameMessageAndDetailsAsTheEnvelope()
    {
        var body = new { email = "not-an-email", name = "", password = "x" };
        var envelope = await AssertErrorAsync(await SendAsync(HttpMethod.Post, "/api/auth/register", json: body), HttpStatusCode.BadRequest, "VALIDATION_ERROR");

        var problem = await AssertProblemAsync(
            await Client.SendAsync(AskingForProblems(Request(HttpMethod.Post, "/api/auth/register", json: body))), HttpStatusCode.BadRequest, "VALIDATION_ERROR");

        Assert.Equal(envelope.GetProperty("message").GetString(), problem.GetProperty("detail").GetString());
        Assert.Equal(envelope.GetProperty("details").GetRawText(), problem.GetProperty("details").GetRawText());
        Assert.Equal(0L, await CountUsersAsync());
    }

    [Theory]
    [InlineData("/api/auth/me", HttpStatusCode.Unauthorized, "UNAUTHORIZED")] // from the JWT handler
    [InlineData("/api/nowhere", HttpStatusCode.NotFound, "NOT_FOUND")] // no endpoint at all
    public async Task ErrorsFromThePipeline_ShouldHonourTheAcceptHeaderToo(string path, HttpStatusCode status, string code)
    {
        await AssertProblemAsync(await Client.SendAsync(AskingForProblems(Request(HttpMethod.Get, path))), status, code);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("application/json")]
    [InlineData("*/*")]
    [InlineData("application/problem+json;q=0")]
    [InlineData("application/json, application/problem+json;q=0.1")]
    public async Task WithoutAskingForProblemDetails_ShouldKeepTheEnvelope(string? accept)
    {
        var request = Request(HttpMethod.Get, "/api/events/999999");
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        await AssertErrorAsync(await Client.SendAsync(request), HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Theory]
    [InlineData("application/problem+json")]
    [InlineData("application/problem+json, application/json;q=0.5")]
    [InlineData("application/json;q=0.9, application/problem+json")]
    public async Task WhenProblemDetailsArePreferred_ShouldAnswerThem(string accept)
    {
        var request = Request(HttpMethod.Get, "/api/events/999999");
        request.Headers.TryAddWithoutValidation("Accept", accept);

        await AssertProblemAsync(await Client.SendAsync(request), HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task AnIdempotentBooking_ShouldAnswerProblemDetailsFirst_AndReplayTheStoredEnvelope()
    {
        var (_, token) = await CreateUserAsync("ann@example.com");
        HttpRequestMessage Booking()
        {
            var request = AskingForProblems(Request(HttpMethod.Post, "/api/bookings", token, new { eventId = 999999 }));
            request.Headers.Add("Idempotency-Key", "problem-1");
            return request;
        }

        await AssertProblemAsync(await Client.SendAsync(Booking()), HttpStatusCode.NotFound, "NOT_FOUND");
        var replay = await Client.SendAsync(Booking());

        Assert.Equal("true", replay.Headers.GetValues("Idempotency-Replayed").Single());
        await AssertErrorAsync(replay, HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task Success_WhenProblemDetailsAreAskedFor_ShouldStillBeTheSuccessEnvelope()
    {
        var request = AskingForProblems(Request(HttpMethod.Get, "/api/events"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await ReadJsonAsync(response)).GetProperty("success").GetBoolean());
    }

    private static HttpRequestMessage AskingForProblems(HttpRequestMessage request)
    {
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/problem+json"));
        return request;
    }

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await ReadJsonAsync(response);
        Assert.Equal("about:blank", problem.GetProperty("type").GetString());
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Matches("^[0-9a-f]{32}$|^[0-9A-Z:]+$", problem.GetProperty("traceId").GetString());
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$", problem.GetProperty("timestamp").GetString());
        Assert.False(problem.TryGetProperty("success", out _));
        return problem;
    }
}
