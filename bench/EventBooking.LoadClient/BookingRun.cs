using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace EventBooking.LoadClient;

/// <summary>
/// Every user of <c>--users A-B</c> books once: the hot event <c>--event E</c>, or spread over
/// <c>--events A-B</c> (user i books event A + i mod count). C workers share one connection pool of C
/// connections and take the next user from a shared counter, so C requests are in flight at any time.
/// </summary>
internal static class BookingRun
{
    public static async Task<string> RunAsync(Options options)
    {
        var key = Encoding.UTF8.GetBytes(options.Text("key"));
        var (firstUser, lastUser) = options.Range("users");
        var (firstEvent, lastEvent) = options.Has("event") ? options.Range("event") : options.Range("events");
        var concurrency = options.Number("concurrency");
        var maxSeconds = options.Number("max-seconds", 120);
        var userCount = lastUser - firstUser + 1;
        var eventCount = lastEvent - firstEvent + 1;

        // Tokens and bodies are prepared before the clock starts.
        var tokens = new string[userCount];
        var bodies = new string[userCount];
        for (var i = 0; i < userCount; i++)
        {
            tokens[i] = Tokens.Mint(key, firstUser + i);
            bodies[i] = string.Create(CultureInfo.InvariantCulture, $$"""{"eventId":{{firstEvent + (i % eventCount)}}}""");
        }

        using var client = Http.CreateClient(options.Text("url"), concurrency);
        var latencies = new double?[userCount];
        var tally = new RequestTally();
        var next = -1;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(maxSeconds));

        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < userCount && !deadline.IsCancellationRequested)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/bookings")
                {
                    Content = Http.JsonBody(bodies[i]),
                };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens[i]);
                latencies[i] = await tally.SendAsync(client, request);
            }
        })).ToArray();
        await Task.WhenAll(workers);
        clock.Stop();

        var sorted = latencies.OfType<double>().Order().ToArray();
        var seconds = clock.Elapsed.TotalSeconds;
        var created = tally.Status("201");
        var requests = sorted.Length + tally.Errors;
        var report = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["mode"] = eventCount == 1 ? "hot" : "spread",
            ["users"] = userCount,
            ["events"] = eventCount,
            ["concurrency"] = concurrency,
            ["requests"] = requests,
            ["completed"] = requests == userCount,
            ["status_201"] = created,
            ["status_409"] = tally.Status("409"),
            ["duration_s"] = Http.Round(seconds, 3),
            ["bookings_per_s"] = Http.Round(created / seconds, 1),
            ["requests_per_s"] = Http.Round(requests / seconds, 1),
        };
        tally.AddTo(report, sorted, "201", "409");
        return Http.ToJson(report);
    }
}
