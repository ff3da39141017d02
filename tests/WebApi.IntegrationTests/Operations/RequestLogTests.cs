using System.Net;
using EventBooking.WebApi.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EventBooking.WebApi.IntegrationTests.Operations;

/// <summary>
/// Issue 17: one Information line per request (method, route, status, duration, user, trace id), so a 4xx envelope's
/// <c>traceId</c> is found in the log; and nothing secret is ever logged: passwords, tokens, tickets, keys.
/// </summary>
public sealed class RequestLogTests(DatabaseFixture database) : BookingApiTest(database)
{
    private readonly CapturedLogs _logs = new();

    protected override EventBookingApiFactory CreateFactory() =>
        new(Database, services: services => services.AddSingleton<ILoggerProvider>(_logs));

    [Fact]
    public async Task EveryRequest_ShouldWriteOneLine_WithItsRouteStatusUserAndTheEnvelopesTraceId()
    {
        var (userId, token) = await CreateUserAsync("ann@example.com");

        var refused = await AssertErrorAsync(await SendAsync(HttpMethod.Get, "/api/bookings/BK-NOPE-000000", token), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertErrorAsync(await SendAsync(HttpMethod.Get, "/api/nowhere?secret=1"), HttpStatusCode.NotFound, "NOT_FOUND");

        var traceId = refused.GetProperty("traceId").GetString()!;
        var line = Assert.Single(RequestLines(), l => l.Contains(traceId, StringComparison.Ordinal));
        Assert.Equal($"HTTP GET /api/bookings/{{bookingId}} -> 404 in ", line[..(line.IndexOf(" in ", StringComparison.Ordinal) + 4)]);
        Assert.Matches($@" ms, user {userId}, client (-|[0-9a-f.:]+), trace {traceId}$", line);
        var unmatched = Assert.Single(RequestLines(), l => l.Contains("/api/nowhere", StringComparison.Ordinal));
        Assert.Contains("-> 404", unmatched, StringComparison.Ordinal);
        Assert.Contains(", user -,", unmatched, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", unmatched, StringComparison.Ordinal); // never the query
    }

    [Fact]
    public async Task NoLogLine_ShouldCarryAPasswordATokenATicketOrAKey()
    {
        const string Password = "correct horse battery staple";
        var register = await SendAsync(HttpMethod.Post, "/api/auth/register", json: new { email = "sam@example.com", name = "Sam", password = Password });
        var token = (await AssertSuccessAsync(register, HttpStatusCode.Created)).GetProperty("token").GetString()!;
        await AssertErrorAsync(
            await SendAsync(HttpMethod.Post, "/api/auth/login", json: new { email = "sam@example.com", password = "wrong " + Password }),
            HttpStatusCode.Unauthorized,
            "UNAUTHORIZED");
        await AssertSuccessAsync(
            await SendAsync(HttpMethod.Post, "/api/auth/login", json: new { email = "sam@example.com", password = Password }), HttpStatusCode.OK);
        var eventId = await InsertBookingEventAsync();
        var bookingId = await BookViaApiAsync(token, eventId);
        var ticket = (await AssertSuccessAsync(await SendAsync(HttpMethod.Get, $"{BookingPath(bookingId)}/ticket", token), HttpStatusCode.OK))
            .GetProperty("token").GetString()!;
        await SendAsync(HttpMethod.Get, "/api/auth/me", "not-a-jwt-but-secret-looking");

        var all = string.Join('\n', _logs.Lines.Select(l => l.Text));
        Assert.NotEmpty(RequestLines());
        Assert.DoesNotContain(Password, all, StringComparison.Ordinal);
        Assert.DoesNotContain(token.Split('.')[1], all, StringComparison.Ordinal);
        Assert.DoesNotContain(ticket.Split('.')[1], all, StringComparison.Ordinal);
        Assert.DoesNotContain("not-a-jwt-but-secret-looking", all, StringComparison.Ordinal);
        Assert.DoesNotContain(TestTokens.SigningKey, all, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE KEY", all, StringComparison.Ordinal);
    }

    private List<string> RequestLines() =>
        [.. _logs.Lines
            .Where(l => l.Category == "EventBooking.WebApi.Observability.RequestLogging" && l.Level == LogLevel.Information)
            .Select(l => l.Text)];
}
