using System.Collections.Concurrent;
using System.Diagnostics;

namespace EventBooking.LoadClient;

/// <summary>What every run mode counts: statuses, transport errors (with a few samples), and latency percentiles.</summary>
internal sealed class RequestTally
{
    private const int MaxErrorSamples = 5;

    private readonly ConcurrentDictionary<string, int> _statuses = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _errorSamples = new();
    private int _errors;

    public int Errors => Volatile.Read(ref _errors);

    public int Status(string code) => _statuses.GetValueOrDefault(code);

    /// <summary>Sends and counts the answer; returns the latency in ms, or null when the request failed in transport.</summary>
    public async Task<double?> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead);
            var latency = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            _statuses.AddOrUpdate(Http.StatusKey((int)response.StatusCode), 1, (_, n) => n + 1);
            return latency;
        }
#pragma warning disable CA1031 // every failure is counted, none may stop the run
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Interlocked.Increment(ref _errors);
            if (_errorSamples.Count < MaxErrorSamples)
            {
                _errorSamples.Enqueue(ex.GetType().Name + ": " + ex.Message);
            }

            return null;
        }
    }

    /// <summary>The counts and latency figures every mode reports; <paramref name="expected"/> are the statuses reported on their own.</summary>
    public void AddTo(Dictionary<string, object> report, double[] sortedLatencies, params string[] expected)
    {
        var other = _statuses.Where(s => !expected.Contains(s.Key)).ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal);
        report["other_statuses"] = other;
        report["other_status_count"] = other.Values.Sum();
        report["errors"] = Errors;
        report["error_samples"] = _errorSamples.ToArray();
        report["p50_ms"] = Http.Round(Http.Percentile(sortedLatencies, 50));
        report["p90_ms"] = Http.Round(Http.Percentile(sortedLatencies, 90));
        report["p99_ms"] = Http.Round(Http.Percentile(sortedLatencies, 99));
        report["max_ms"] = Http.Round(sortedLatencies.Length > 0 ? sortedLatencies[^1] : 0);
    }
}
