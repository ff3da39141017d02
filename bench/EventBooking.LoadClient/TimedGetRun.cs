using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

namespace EventBooking.LoadClient;

/// <summary>C workers GET <c>--path</c> back to back for <c>--seconds</c>; optional bearer token.</summary>
internal static class TimedGetRun
{
    public static async Task<string> RunAsync(Options options)
    {
        var path = options.Text("path");
        var concurrency = options.Number("concurrency");
        var seconds = options.Number("seconds");
        var token = options.Has("key") ? Tokens.Mint(Encoding.UTF8.GetBytes(options.Text("key")), options.Number("user", 1)) : null;

        using var client = Http.CreateClient(options.Text("url"), concurrency);
        var tally = new RequestTally();
        var perWorker = new List<double>[concurrency];
        var stopAt = Stopwatch.GetTimestamp() + (long)(seconds * (double)Stopwatch.Frequency);

        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
        {
            var latencies = perWorker[w] = new List<double>(1 << 16);
            while (Stopwatch.GetTimestamp() < stopAt)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, path);
                if (token is not null)
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                }

                if (await tally.SendAsync(client, request) is { } latency)
                {
                    latencies.Add(latency);
                }
            }
        })).ToArray();
        await Task.WhenAll(workers);
        clock.Stop();

        var sorted = perWorker.SelectMany(l => l).Order().ToArray();
        var elapsed = clock.Elapsed.TotalSeconds;
        var ok = tally.Status("200");
        var report = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["mode"] = "get",
            ["path"] = path,
            ["concurrency"] = concurrency,
            ["requests"] = sorted.Length + tally.Errors,
            ["status_200"] = ok,
            ["duration_s"] = Http.Round(elapsed, 3),
            ["requests_per_s"] = Http.Round(ok / elapsed, 1),
        };
        tally.AddTo(report, sorted, "200");
        return Http.ToJson(report);
    }
}
