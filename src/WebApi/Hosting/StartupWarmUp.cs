using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime;
using System.Text;
using EventBooking.Application.Common.Interfaces;
using EventBooking.Domain.Users;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace EventBooking.WebApi.Hosting;

/// <summary>
/// Before a new instance reports ready, runs its hot paths until the JIT has optimised them (docs/adr/0024): requests
/// to its own loopback address that change nothing (the event list, an event that does not exist, a booking by a
/// signed token of a user who does not exist), and each <see cref="IStartupWarmUp"/> (the booking write path for events
/// that do not exist), then waits until tier-1 compilation has gone quiet. <c>/health/ready</c> answers 503 meanwhile.
/// <para>
/// It never keeps an instance from turning ready: it ends after <see cref="WarmUpOptions.MaxSeconds"/>, and a failure
/// is logged and ends it. Its requests are kept out of the request log, rate limits, HTTP metrics and traces
/// (<see cref="WarmUpGate"/>); the booking queue's own instruments do count its calls, and with tracing on its booking
/// calls are exported as spans of their own (not suppressed: the batch queues' drains carry the context of the call
/// that started them, and a suppression would carry over to real buyers' batches served by a drain it started).
/// </para>
/// </summary>
internal sealed partial class StartupWarmUp(
    WarmUpGate gate,
    IOptions<WarmUpOptions> options,
    IServer server,
    IHostApplicationLifetime lifetime,
    IEnumerable<IStartupWarmUp> steps,
    ITokenIssuer tokens,
    TimeProvider clock,
    ILogger<StartupWarmUp> logger) : BackgroundService
{
    /// <summary>Requests in flight at once: enough to run the request path on every core.</summary>
    private const int Concurrency = 8;

    /// <summary>An id no event or user has (ids count up from 1 and never reach it).</summary>
    private const int AbsentId = int.MaxValue;

    /// <summary>Tier-1 compilation counts as quiet when fewer methods than this were compiled in one poll.</summary>
    private const int QuietCompilations = 3;

    /// <summary>Polls in a row that must be quiet.</summary>
    private const int QuietPolls = 3;

    private const string KestrelAssembly = "Microsoft.AspNetCore.Server.Kestrel.Core";

    private static readonly TimeSpan SettlePoll = TimeSpan.FromMilliseconds(100);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (gate.IsComplete)
        {
            return; // turned off
        }

        var settings = options.Value;
        try
        {
            await StartedAsync(stoppingToken);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            deadline.CancelAfter(TimeSpan.FromSeconds(settings.MaxSeconds));
            var started = Stopwatch.GetTimestamp();
            var compiledBefore = JitInfo.GetCompiledMethodCount();
            var address = OwnAddress();
            if (address is null)
            {
                LogNoAddress(logger);
            }

            await RunAllAsync(address, settings.Requests, deadline);

            var ran = Stopwatch.GetElapsedTime(started);
            var quiet = await SettleAsync(deadline.Token);
            stoppingToken.ThrowIfCancellationRequested();
            var elapsed = Stopwatch.GetElapsedTime(started);
            LogDone(
                logger,
                elapsed.TotalMilliseconds,
                address is null ? 0 : settings.Requests,
                string.Join(", ", steps.Select(s => s.Name)),
                ran.TotalMilliseconds,
                quiet ? "the JIT's quiet" : "WarmUp__MaxSeconds with the JIT still busy",
                (elapsed - ran).TotalMilliseconds,
                JitInfo.GetCompiledMethodCount() - compiledBefore);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down before it finished.
        }
        catch (OperationCanceledException)
        {
            LogTimedOut(logger, settings.MaxSeconds);
        }
        catch (Exception ex)
        {
            LogFailed(logger, ex);
        }
        finally
        {
            gate.Complete();
        }
    }

    /// <summary>The steps and the requests side by side; the first to fail cancels the others (and is what is thrown).</summary>
    private async Task RunAllAsync(Uri? address, int operations, CancellationTokenSource deadline)
    {
        var work = steps.Select(step => GuardedAsync(() => step.RunAsync(operations, deadline.Token))).ToList();
        if (address is not null)
        {
            work.Add(GuardedAsync(() => RequestsAsync(address, operations, deadline.Token)));
        }

        await Task.WhenAll(work);

        async Task GuardedAsync(Func<Task> run)
        {
            try
            {
                await run();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                await deadline.CancelAsync();
                throw;
            }
        }
    }

    /// <summary>Kestrel listens once the application has started.</summary>
    private async Task StartedAsync(CancellationToken cancellationToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// An HTTP address Kestrel listens on that is reachable on loopback (a wildcard, localhost or a loopback IP), so the
    /// requests come from a loopback peer; none when it listens only elsewhere, on HTTPS or a Unix socket, or when
    /// another server hosts the application (an in-memory test host lists addresses it does not listen on).
    /// </summary>
    private Uri? OwnAddress()
    {
        if (server.GetType().Assembly.GetName().Name != KestrelAssembly)
        {
            return null;
        }

        foreach (var listening in server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [])
        {
            var binding = BindingAddress.Parse(listening);
            if (binding.IsUnixPipe || !string.Equals(binding.Scheme, "http", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var host = binding.Host switch
            {
                "+" or "*" or "0.0.0.0" or "localhost" => "127.0.0.1",
                "[::]" => "[::1]",
                var named when IPAddress.TryParse(named.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip) => named,
                _ => null,
            };
            if (host is not null && binding.Port > 0)
            {
                return new Uri(string.Create(CultureInfo.InvariantCulture, $"http://{host}:{binding.Port}"));
            }
        }

        return null;
    }

    private async Task RequestsAsync(Uri address, int count, CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            MaxConnectionsPerServer = Concurrency,
        };
        using var client = new HttpClient(handler) { BaseAddress = address, Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.Add(WarmUpGate.HeaderName, gate.Secret);
        var nobody = User.Register("warm-up@localhost.invalid", "Warm-up", string.Empty, clock.GetUtcNow().UtcDateTime); // id 0: no such user
        var bearer = new AuthenticationHeaderValue("Bearer", tokens.Issue(nobody).Token);
        var next = 0;
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(async _ =>
        {
            int n;
            while ((n = Interlocked.Increment(ref next)) <= count)
            {
                var (request, expected) = Request(n, bearer);
                using (request)
                using (var response = await client.SendAsync(request, cancellationToken))
                {
                    await response.Content.LoadIntoBufferAsync(cancellationToken);
                    if (response.StatusCode != expected)
                    {
                        throw new InvalidOperationException(
                            $"The warm-up's {request.Method} {request.RequestUri} answered {(int)response.StatusCode}, not {(int)expected}.");
                    }
                }
            }
        }));
    }

    /// <summary>The n-th request: none of them changes anything.</summary>
    private static (HttpRequestMessage Request, HttpStatusCode Expected) Request(int n, AuthenticationHeaderValue bearer) => (n % 3) switch
    {
        0 => (new HttpRequestMessage(HttpMethod.Get, "/api/events?limit=10"), HttpStatusCode.OK),
        1 => (new HttpRequestMessage(HttpMethod.Get, $"/api/events/{AbsentId}"), HttpStatusCode.NotFound),
        _ => (new HttpRequestMessage(HttpMethod.Post, "/api/bookings")
        {
            Headers = { Authorization = bearer },
            Content = new StringContent($$"""{"eventId":{{AbsentId}}}""", Encoding.UTF8, "application/json"),
        }, HttpStatusCode.Unauthorized),
    };

    /// <summary>
    /// Methods called 30 times are compiled again, optimised, on a background thread: waits until that has gone quiet
    /// (true), or until the deadline (false).
    /// </summary>
    private static async Task<bool> SettleAsync(CancellationToken deadline)
    {
        var last = JitInfo.GetCompiledMethodCount();
        for (var quiet = 0; quiet < QuietPolls;)
        {
            try
            {
                await Task.Delay(SettlePoll, deadline);
            }
            catch (OperationCanceledException)
            {
                return false;
            }

            var now = JitInfo.GetCompiledMethodCount();
            quiet = now - last < QuietCompilations ? quiet + 1 : 0;
            last = now;
        }

        return true;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "Warm-up done in {ElapsedMs:0} ms ({Requests} requests to itself and {Steps} in {RanMs:0} ms, then {Settled} in {SettledMs:0} ms), {Methods} methods compiled; reporting ready")]
    private static partial void LogDone(
        ILogger logger, double elapsedMs, int requests, string steps, double ranMs, string settled, double settledMs, long methods);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information,
        Message = "Warm-up: Kestrel listens on no plain HTTP address on loopback; warming the in-process paths only")]
    private static partial void LogNoAddress(ILogger logger);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning,
        Message = "Warm-up did not finish within WarmUp__MaxSeconds ({MaxSeconds} s); reporting ready anyway")]
    private static partial void LogTimedOut(ILogger logger, int maxSeconds);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Warm-up failed; reporting ready without it")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
