using System.Collections.Concurrent;
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
        var statuses = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var errors = 0;
        var errorSamples = new ConcurrentQueue<string>();
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

                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead);
                    latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    statuses.AddOrUpdate(Http.StatusKey((int)response.StatusCode), 1, (_, n) => n + 1);
                }
#pragma warning disable CA1031 // every failure is counted, none may stop the run
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    Interlocked.Increment(ref errors);
                    if (errorSamples.Count < 5)
                    {
                        errorSamples.Enqueue(ex.GetType().Name + ": " + ex.Message);
                    }
                }
            }
        })).ToArray();
        await Task.WhenAll(workers);
        clock.Stop();

        var sorted = perWorker.SelectMany(l => l).Order().ToArray();
        var elapsed = clock.Elapsed.TotalSeconds;
        var ok = statuses.GetValueOrDefault("200");
        var other = statuses.Where(s => s.Key != "200").ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal);
        return Http.ToJson(new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["mode"] = "get",
            ["path"] = path,
            ["concurrency"] = concurrency,
            ["requests"] = sorted.Length + errors,
            ["status_200"] = ok,
            ["other_statuses"] = other,
            ["other_status_count"] = other.Values.Sum(),
            ["errors"] = errors,
            ["error_samples"] = errorSamples.ToArray(),
            ["duration_s"] = Http.Round(elapsed, 3),
            ["requests_per_s"] = Http.Round(ok / elapsed, 1),
            ["p50_ms"] = Http.Round(Http.Percentile(sorted, 50)),
            ["p90_ms"] = Http.Round(Http.Percentile(sorted, 90)),
            ["p99_ms"] = Http.Round(Http.Percentile(sorted, 99)),
            ["max_ms"] = Http.Round(sorted.Length > 0 ? sorted[^1] : 0),
        });
    }
}
