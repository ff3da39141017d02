using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace EventBooking.LoadClient;

/// <summary>
/// C workers GET <c>--path</c> back to back for <c>--seconds</c>. Optional bearer tokens: <c>--key K</c> with
/// <c>--user ID</c> (one user) or <c>--users A-B</c> (request n is user A + n mod count, so a per-user rate
/// limit does not throttle the run). <c>--rate R</c> starts at most R requests per second in all (a latency
/// probe that leaves the CPU to whatever else is going on) instead of sending back to back. <c>--warmup N</c>:
/// the first N requests are sent and their statuses counted, but their latencies are left out of the figures
/// (they carry this process's own start: JIT and new connections). <c>--trace FILE</c> writes one line per
/// answered request, <c>finished_unix_ms,latency_ms,measured</c> (0 for a warm-up request).
/// </summary>
internal static class TimedGetRun
{
    public static async Task<string> RunAsync(Options options)
    {
        var path = options.Text("path");
        var concurrency = options.Number("concurrency");
        var seconds = options.Number("seconds");
        var tokens = Array.Empty<string>();
        if (options.Has("key"))
        {
            var key = Encoding.UTF8.GetBytes(options.Text("key"));
            var (first, last) = options.Has("users") ? options.Range("users") : (options.Number("user", 1), options.Number("user", 1));
            tokens = Tokens.MintRange(key, first, last);
        }

        var sent = -1;
        var started = -1;
        var issued = -1;
        var warmup = options.Number("warmup", 0);
        var rate = options.Number("rate", 0);

        using var client = Http.CreateClient(options.Text("url"), concurrency);
        var tally = new RequestTally();
        var perWorker = new List<double>[concurrency];
        var traces = new List<string>[concurrency];
        var tracing = options.Has("trace");
        var stopAt = Stopwatch.GetTimestamp() + (long)(seconds * (double)Stopwatch.Frequency);

        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
        {
            var latencies = perWorker[w] = new List<double>(1 << 16);
            var trace = traces[w] = [];
            while (Stopwatch.GetTimestamp() < stopAt)
            {
                if (rate > 0)
                {
                    await Http.WaitForTurnAsync(Interlocked.Increment(ref started), rate, clock);
                    if (Stopwatch.GetTimestamp() >= stopAt)
                    {
                        break;
                    }
                }

                using var request = new HttpRequestMessage(HttpMethod.Get, path);
                if (tokens.Length > 0)
                {
                    var n = (uint)Interlocked.Increment(ref sent);
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens[n % tokens.Length]);
                }

                var measured = Interlocked.Increment(ref issued) >= warmup;
                if (await tally.SendAsync(client, request) is { } latency)
                {
                    if (measured)
                    {
                        latencies.Add(latency);
                    }

                    if (tracing)
                    {
                        trace.Add(string.Create(
                            CultureInfo.InvariantCulture, $"{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()},{Http.Round(latency)},{(measured ? 1 : 0)}"));
                    }
                }
            }
        })).ToArray();
        await Task.WhenAll(workers);
        clock.Stop();

        if (tracing)
        {
            await File.WriteAllLinesAsync(options.Text("trace"), traces.SelectMany(t => t).Order(StringComparer.Ordinal));
        }

        var sorted = perWorker.SelectMany(l => l).Order().ToArray();
        var elapsed = clock.Elapsed.TotalSeconds;
        var ok = tally.Status("200");
        var report = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["mode"] = "get",
            ["path"] = path,
            ["concurrency"] = concurrency,
            ["requests"] = Math.Max(0, issued + 1),
            ["warmup_requests"] = Math.Min(warmup, Math.Max(0, issued + 1)),
            ["status_200"] = ok,
            ["duration_s"] = Http.Round(elapsed, 3),
            ["requests_per_s"] = Http.Round(ok / elapsed, 1),
        };
        tally.AddTo(report, sorted, "200");
        return Http.ToJson(report);
    }
}
