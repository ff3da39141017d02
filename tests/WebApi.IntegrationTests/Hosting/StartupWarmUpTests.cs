using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using EventBooking.Application.Common.Interfaces;
using EventBooking.TestSupport;
using EventBooking.WebApi.Hosting;
using EventBooking.WebApi.IntegrationTests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EventBooking.WebApi.IntegrationTests.Hosting;

/// <summary>
/// The start-up warm-up (docs/adr/0024): a new instance answers <c>/health/ready</c> 503 until it has run its hot paths,
/// its requests to itself change nothing and stay out of the request log and the rate limits, a forged warm-up header
/// earns nothing, and a warm-up that fails or overruns never keeps the instance from turning ready.
/// </summary>
public sealed class StartupWarmUpTests(DatabaseFixture database) : ApiTest(database)
{
    private const string Header = "X-EventBooking-Warm-Up";
    private readonly CapturedLogs _logs = new();
    private readonly ConcurrentDictionary<string, string> _seenHeaders = new();

    [Fact]
    public async Task Ready_WhileANewInstanceWarmsUp_ShouldAnswer503ThenTurn200_AndTheWarmUpShouldChangeNothing()
    {
        var (user, _) = await CreateUserAsync("ann@example.com");
        var eventId = await ScalarAsync<int>(
            "INSERT INTO events (name, description, event_date, seat_capacity, available_seats) VALUES ('Gig', 'x', timezone('utc', now()) + interval '9 days', 5, 5) RETURNING id");
        await ScalarAsync<bool>("SELECT create_booking($1, $2, 'BK-WARMUP-HTTP-1')", user, eventId);
        var before = await SnapshotAsync();
        var held = new HeldWarmUp();
        await using var factory = OnKestrel(held, new()
        {
            ["WarmUp:Requests"] = "300",
            ["RateLimiting:Enabled"] = "true",
            ["RateLimiting:PermitsPerMinute"] = "5",
        });
        using var client = PlainClient(factory);

        var warming = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, warming.StatusCode);
        var checks = (await ReadJsonAsync(warming)).GetProperty("checks");
        Assert.Equal("Unhealthy", checks.GetProperty("warm-up").GetString());
        Assert.Equal("Healthy", checks.GetProperty("database").GetString());

        held.Release();
        await WaitUntilReadyAsync(client);

        // All 300 requests answered as the warm-up expects (else it logs a warning and says so).
        Assert.Contains(WarmUpLines(), l => l.Level == LogLevel.Information && l.Text.Contains("300 requests to itself and booking path, held by the test in", StringComparison.Ordinal));
        Assert.DoesNotContain(WarmUpLines(), l => l.Level >= LogLevel.Warning);

        // Kept out of the request log: the only lines are the test's own probes.
        var requestLines = _logs.Lines.Where(l => l.Category.EndsWith(".RequestLogging", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(requestLines);
        Assert.All(requestLines, l => Assert.Contains("/health/ready", l.Text, StringComparison.Ordinal));

        // Kept out of the rate limits: this loopback client still has all 5 of its permits for the minute.
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/api/events", UriKind.Relative))).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.GetAsync(new Uri("/api/events", UriKind.Relative))).StatusCode);

        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task WarmUpHeader_WithAnyOtherValue_ShouldBeAnOrdinaryRequest()
    {
        var held = new HeldWarmUp();
        await using var factory = OnKestrel(held, new()
        {
            ["WarmUp:Requests"] = "1",
            ["RateLimiting:Enabled"] = "true",
            ["RateLimiting:PermitsPerMinute"] = "2",
        });
        using var client = PlainClient(factory);
        client.DefaultRequestHeaders.Add(Header, new string('0', 64));

        var statuses = await ListThreeTimesAsync(client);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(3, RequestLogLines("/api/events").Count);
        held.Release();
    }

    [Fact]
    public async Task WarmUpHeader_WithTheSecretFromAnotherPeer_ShouldBeAnOrdinaryRequest()
    {
        await using var factory = InMemory(IPAddress.Parse("203.0.113.7"), out var held);
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add(Header, factory.Services.GetRequiredService<WarmUpGate>().Secret);

        var statuses = await ListThreeTimesAsync(client);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(3, RequestLogLines("/api/events").Count);
        held.Release();
    }

    [Fact]
    public async Task WarmUpHeader_WithTheSecretFromLoopbackWhileTheWarmUpRuns_ShouldBeKeptOutOfLimitsAndLog_AndNotReachTheEndpoints()
    {
        await using var factory = InMemory(IPAddress.Loopback, out var held);
        using var client = factory.CreateClient();
        var secret = factory.Services.GetRequiredService<WarmUpGate>().Secret;
        client.DefaultRequestHeaders.Add(Header, secret);

        var statuses = await ListThreeTimesAsync(client);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], statuses);
        Assert.Empty(RequestLogLines("/api/events"));
        Assert.Equal(3, _seenHeaders.Count);
        Assert.All(_seenHeaders.Values, Assert.Empty); // removed before the endpoints ran

        // Once the warm-up is over, the same header earns nothing: the client's 2 permits a minute, then 429.
        held.Release();
        await WaitUntilReadyAsync(client);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], await ListThreeTimesAsync(client));
        Assert.Equal(3, RequestLogLines("/api/events").Count);
    }

    [Fact]
    public async Task Ready_WhenAWarmUpStepFails_ShouldTurn200AndTheFailureBeLogged()
    {
        await using var factory = WithWarmUp(new FailingWarmUp(), new() { ["WarmUp:Requests"] = "50" });
        using var client = factory.CreateClient(); // an in-memory host: no address to send requests to, in-process steps only

        await WaitUntilReadyAsync(client);

        var warning = Assert.Single(WarmUpLines(), l => l.Level >= LogLevel.Warning).Text;
        Assert.StartsWith("Warm-up failed; reporting ready without it System.InvalidOperationException: the step broke", warning, StringComparison.Ordinal);
        Assert.Contains(WarmUpLines(), l => l.Text.Contains("no plain HTTP address on loopback", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ready_WhenTheWarmUpOverrunsMaxSeconds_ShouldTurn200()
    {
        var held = new HeldWarmUp();
        await using var factory = WithWarmUp(held, new() { ["WarmUp:Requests"] = "50", ["WarmUp:MaxSeconds"] = "1" });
        using var client = factory.CreateClient();

        await WaitUntilReadyAsync(client);

        var warning = Assert.Single(WarmUpLines(), l => l.Level >= LogLevel.Warning).Text;
        Assert.Equal("Warm-up did not finish within WarmUp__MaxSeconds (1 s); reporting ready anyway", warning);
        Assert.True(held.WasCancelled);
    }

    /// <summary>
    /// An API with its warm-up on, <paramref name="step"/> among the warm-up's steps and the logs captured; with
    /// <paramref name="peer"/>, every connection comes from that address and the warm-up header is recorded as the
    /// endpoints see it.
    /// </summary>
    private EventBookingApiFactory WithWarmUp(IStartupWarmUp step, Dictionary<string, string?> settings, IPAddress? peer = null)
    {
        settings["WarmUp:Enabled"] = "true";
        return new EventBookingApiFactory(Database, settings, services =>
        {
            services.AddSingleton<ILoggerProvider>(_logs);
            services.AddSingleton(step);
            if (peer is not null)
            {
                services.AddSingleton<IStartupFilter>(new ConnectionFromAddress(peer));
                services.AddSingleton<IStartupFilter>(new HeaderRecorder(_seenHeaders));
            }
        });
    }

    /// <summary>An in-memory API whose every connection comes from <paramref name="peer"/>, its warm-up held, 2 requests a minute per client.</summary>
    private EventBookingApiFactory InMemory(IPAddress peer, out HeldWarmUp held)
    {
        held = new HeldWarmUp();
        return WithWarmUp(
            held,
            new()
            {
                ["WarmUp:Requests"] = "1",
                ["WarmUp:MaxSeconds"] = "60",
                ["RateLimiting:Enabled"] = "true",
                ["RateLimiting:PermitsPerMinute"] = "2",
            },
            peer);
    }

    private static async Task<List<HttpStatusCode>> ListThreeTimesAsync(HttpClient client)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await client.GetAsync(new Uri("/api/events", UriKind.Relative))).StatusCode);
        }

        return statuses;
    }

    private List<string> RequestLogLines(string route) =>
        [.. _logs.Lines.Where(l => l.Category.EndsWith(".RequestLogging", StringComparison.Ordinal) && l.Text.Contains(route, StringComparison.Ordinal)).Select(l => l.Text)];

    private EventBookingApiFactory OnKestrel(HeldWarmUp held, Dictionary<string, string?> settings)
    {
        settings["WarmUp:MaxSeconds"] = "60";
        var factory = WithWarmUp(held, settings);
        factory.UseKestrel(0);
        factory.StartServer();
        return factory;
    }

    /// <summary>A client of the Kestrel port with nothing of its own on the way (the contract-checking client fetches the document, a rate-limited request).</summary>
    private static HttpClient PlainClient(EventBookingApiFactory factory) => new()
    {
        BaseAddress = new Uri(factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()),
    };

    private static Task WaitUntilReadyAsync(HttpClient client) => Eventually.WaitUntilAsync(
        async () => (await client.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode == HttpStatusCode.OK,
        "/health/ready answered 200",
        TimeSpan.FromSeconds(90)); // beyond OnKestrel's WarmUp:MaxSeconds

    private IEnumerable<(string Category, LogLevel Level, string Text)> WarmUpLines() =>
        _logs.Lines.Where(l => l.Category.EndsWith(".StartupWarmUp", StringComparison.Ordinal));

    private Task<string> SnapshotAsync() => ScalarAsync<string>(
        """
        SELECT concat_ws(' ',
            (SELECT count(*) FROM bookings), (SELECT count(*) FROM booking_logs), (SELECT count(*) FROM events),
            (SELECT sum(available_seats) FROM events), (SELECT count(*) FROM users), (SELECT count(*) FROM idempotency_keys))
        """);

    /// <summary>A warm-up step that waits until the test lets it finish (or the warm-up's time runs out).</summary>
    private sealed class HeldWarmUp : IStartupWarmUp
    {
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Name => "held by the test";

        public bool WasCancelled { get; private set; }

        public void Release() => _release.TrySetResult();

        public async Task RunAsync(int operations, CancellationToken cancellationToken)
        {
            try
            {
                await _release.Task.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                WasCancelled = true;
                throw;
            }
        }
    }

    private sealed class FailingWarmUp : IStartupWarmUp
    {
        public string Name => "failing";

        public Task RunAsync(int operations, CancellationToken cancellationToken) => Task.FromException(new InvalidOperationException("the step broke"));
    }

    /// <summary>Records the warm-up header's value as the request carries it when its answer starts (after the endpoint ran), per request.</summary>
    private sealed class HeaderRecorder(ConcurrentDictionary<string, string> seen) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext http, RequestDelegate nextMiddleware) =>
            {
                http.Response.OnStarting(() =>
                {
                    seen[http.TraceIdentifier] = http.Request.Headers[Header].ToString();
                    return Task.CompletedTask;
                });
                return nextMiddleware(http);
            });
            next(app);
        };
    }
}
