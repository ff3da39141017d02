using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http;
using System.Net.Sockets;
using System.Text.Json;

namespace EventBooking.LoadClient;

/// <summary>One request's fate: a status (0 when there was none), its latency, and for failures what kind.</summary>
internal readonly record struct Outcome(int Status, double LatencyMs, string? Error)
{
    /// <summary>The error envelope's <c>error.code</c> of a 4xx/5xx answer, when asked for.</summary>
    public string? Code { get; init; }

    public bool Failed => Error is not null;

    /// <summary>The server was not there (connection refused): the request never reached any code, so trying another instance is safe.</summary>
    public bool NeverConnected { get; init; }
}

/// <summary>What every run mode counts: statuses, transport errors (with a few samples), and latency percentiles.</summary>
internal sealed class RequestTally
{
    private const int MaxErrorSamples = 5;

    private readonly ConcurrentDictionary<string, int> _statuses = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _errorSamples = new();
    private int _errors;

    public int Errors => Volatile.Read(ref _errors);

    public int Status(string code) => _statuses.GetValueOrDefault(code);

    /// <summary>
    /// Sends without counting (the caller decides, e.g. after failing over to another instance). With
    /// <paramref name="readErrorCode"/>, an error answer's envelope code is read too.
    /// </summary>
    public static async Task<Outcome> SendUncountedAsync(HttpClient client, HttpRequestMessage request, bool readErrorCode = false)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead);
            var latency = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var code = readErrorCode && (int)response.StatusCode >= 400 ? await ErrorCodeAsync(response) : null;
            return new Outcome((int)response.StatusCode, latency, null) { Code = code };
        }
#pragma warning disable CA1031 // every failure is an outcome, none may stop the run
        catch (Exception ex)
#pragma warning restore CA1031
        {
            var refused = ex is HttpRequestException { InnerException: SocketException { SocketErrorCode: SocketError.ConnectionRefused } };
            return new Outcome(0, Stopwatch.GetElapsedTime(started).TotalMilliseconds, ex.GetType().Name + ": " + ex.Message)
            {
                NeverConnected = refused,
            };
        }
    }

    private static async Task<string> ErrorCodeAsync(HttpResponseMessage response)
    {
        try
        {
            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return document.RootElement.TryGetProperty("error", out var error) && error.TryGetProperty("code", out var code)
                ? code.GetString() ?? "?"
                : "?";
        }
        catch (JsonException)
        {
            return "not JSON";
        }
    }

    /// <summary>Sends and counts the answer; returns the latency in ms, or null when the request failed in transport.</summary>
    public async Task<double?> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        var outcome = await SendUncountedAsync(client, request);
        Count(outcome);
        return outcome.Failed ? null : outcome.LatencyMs;
    }

    public void Count(Outcome outcome)
    {
        if (!outcome.Failed)
        {
            _statuses.AddOrUpdate(Http.StatusKey(outcome.Status), 1, (_, n) => n + 1);
            return;
        }

        Interlocked.Increment(ref _errors);
        if (_errorSamples.Count < MaxErrorSamples)
        {
            _errorSamples.Enqueue(outcome.Error!);
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
