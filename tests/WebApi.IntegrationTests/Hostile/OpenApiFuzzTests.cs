using System.Globalization;
using System.Net;
using EventBooking.WebApi.IntegrationTests.Support;
using Xunit.Abstractions;

namespace EventBooking.WebApi.IntegrationTests.Hostile;

/// <summary>
/// Issue 9, hostile input: every operation of the served OpenAPI document gets thousands of malformed requests
/// (seeded, so a failure reproduces). Every answer is a 4xx in the contract's error envelope, never a 5xx or a stack
/// trace, and the database is unchanged (every table fingerprinted before and after each write).
/// </summary>
public sealed class OpenApiFuzzTests(DatabaseFixture database, ITestOutputHelper output) : HostileApiTest(database)
{
    /// <summary>The OpenAPI tags; one test (one in-memory API) per tag.</summary>
    private static readonly string[] GroupNames = ["Auth", "Events", "Bookings", "Waiting list", "Tickets", "Admin"];

    public static TheoryData<string> Groups => new(GroupNames);

    [Fact]
    public async Task OpenApiDocument_ShouldPutEveryApiOperationInAFuzzedGroup()
    {
        var operations = await ReadOperationsAsync();

        Assert.True(operations.Count >= 15, $"Only {operations.Count} operations in the document");
        Assert.All(operations, o => Assert.Contains(o.Tag, GroupNames));
        Assert.Contains(operations, o => o.JsonBody is { Count: > 0 });
        Assert.Contains(operations, o => o.FormBody is { Count: > 0 });
    }

    [Theory]
    [MemberData(nameof(Groups))]
    public async Task EveryOperation_WhenSentMalformedRequests_ShouldAnswer4xxInTheEnvelopeAndChangeNothing(string group)
    {
        await SeedAsync();
        var operations = (await ReadOperationsAsync()).Where(o => o.Tag == group).ToList();
        Assert.NotEmpty(operations);
        var targets = new FuzzTargets(FutureEventId, Member.Id, SeedBookingId);
        var callers = new Random(StableSeed(group));
        var failures = new List<string>();
        var accepted = new List<string>();
        var sent = 0;

        foreach (var operation in operations)
        {
            var cases = new FuzzCaseGenerator(operation, targets, StableSeed(operation.Name)).Generate();
            var atStart = await FingerprintAsync();
            var sentBefore = sent;
            foreach (var fuzz in cases)
            {
                foreach (var (caller, token) in Callers(callers))
                {
                    var before = operation.IsRead ? null : await FingerprintAsync();
                    sent++;
                    var (status, problem) = await SendAsync(fuzz, token);
                    if (status is >= 200 and < 300)
                    {
                        accepted.Add($"{fuzz.Describe(caller)} -> {status}");
                    }
                    else if (before is not null && await FingerprintAsync() != before)
                    {
                        problem ??= $"database changed on a {status}";
                    }

                    if (problem is not null)
                    {
                        failures.Add($"{fuzz.Describe(caller)} -> {problem}");
                    }
                }
            }

            if (operation.IsRead && await FingerprintAsync() != atStart)
            {
                failures.Add($"{operation.Name}: reads changed the database");
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{operation.Name}: {cases.Count} cases, {sent - sentBefore} requests"));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{group}: {sent} requests, {accepted.Count} accepted as valid, {failures.Count} failures"));
        foreach (var line in accepted.Where(a => !a.StartsWith("GET ", StringComparison.Ordinal)).Concat(accepted.Take(10)))
        {
            output.WriteLine($"accepted: {line}");
        }

        await AssertTablesExistAsync();
        Assert.True(
            failures.Count == 0,
            string.Create(CultureInfo.InvariantCulture, $"{failures.Count} of {sent} answers broke the contract:{Environment.NewLine}")
                + string.Join(Environment.NewLine, failures.Take(60)));
    }

    /// <summary>The fuzz finding, on its own: a charset .NET does not know must not escape as a 500.</summary>
    [Theory]
    [InlineData("POST", "/api/auth/register", null)]
    [InlineData("POST", "/api/auth/login", null)]
    [InlineData("POST", "/api/bookings", "user")]
    [InlineData("POST", "/api/events", "admin")]
    [InlineData("PUT", "/api/events/{event}", "admin")]
    [InlineData("PUT", "/api/admin/users/{user}/role", "admin")]
    public async Task JsonBody_WhenTheCharsetIsUnknown_ShouldAnswer415InTheEnvelopeAndChangeNothing(string method, string path, string? caller)
    {
        await SeedAsync();
        var before = await FingerprintAsync();
        var token = caller switch { "admin" => Admin.Token, "user" => Member.Token, _ => null };
        var url = path
            .Replace("{event}", FutureEventId.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{user}", Member.Id.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);

        using var request = Request(new HttpMethod(method), url, token);
        request.Content = new ByteArrayContent("{\"email\":\"a@example.com\",\"password\":\"x\"}"u8.ToArray());
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=ebcdic");

        var response = await Client.SendAsync(request);

        await AssertErrorAsync(response, HttpStatusCode.UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE");
        Assert.Equal(before, await FingerprintAsync());
    }

    /// <summary>The status and what is wrong with the answer; an exception out of the in-memory server is a failure too.</summary>
    private async Task<(int Status, string? Problem)> SendAsync(FuzzCase fuzz, string? token)
    {
        try
        {
            using var request = fuzz.ToRequest(token);
            using var response = await Client.SendAsync(request);
            return ((int)response.StatusCode, await ProblemWithAnswerAsync(response, fuzz.MustBeRefused));
        }
        catch (Exception ex) when (ex is InvalidOperationException or HttpRequestException or IOException)
        {
            return (0, $"exception out of the server: {ex.GetType().Name}: {ex.Message}");
        }
    }

    /// <summary>Every case as the admin; about one in five also as a plain user and one in five with no token.</summary>
    private List<(string Caller, string? Token)> Callers(Random random)
    {
        var callers = new List<(string, string?)> { ("admin", Admin.Token) };
        if (random.NextDouble() < 0.2)
        {
            callers.Add(("user", Member.Token));
        }

        if (random.NextDouble() < 0.2)
        {
            callers.Add(("anonymous", null));
        }

        return callers;
    }

    private async Task<IReadOnlyList<FuzzOperation>> ReadOperationsAsync()
    {
        var response = await Client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return OpenApiOperations.Parse(await ReadJsonAsync(response));
    }

    /// <summary>A seed that is the same on every run (string.GetHashCode is not).</summary>
    private static int StableSeed(string text) => text.Aggregate(17, (hash, c) => unchecked((hash * 31) + c));
}
