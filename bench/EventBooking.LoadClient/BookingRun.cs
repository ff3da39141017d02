using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace EventBooking.LoadClient;

/// <summary>
/// Every user of <c>--users A-B</c> books once: the hot event <c>--event E</c>, or spread over
/// <c>--events A-B</c> (user i books event A + i mod count). C workers take the next user from a shared
/// counter, so at most C requests are in flight.
/// <para>
/// For build/chaos.sh: <c>--url</c> may list several instances (comma-separated; user i goes to instance
/// i mod n, and a request that finds its instance gone (connection refused, so it never reached any
/// code) is sent to the next one, as a load balancer would); <c>--rate R</c> starts at most R requests
/// per second, so a run lasts long enough to kill something in the middle; <c>--outcomes FILE</c> writes
/// one line per user whose request was sent: <c>user_id,instance,status,failed_over,finished_unix_ms,latency_ms</c>
/// (status 0 = no answer). <c>--warmup N</c>: the first N users' requests are sent, counted and written out
/// like any other, but their latencies are left out of the figures (they carry this process's own start).
/// </para>
/// <para>
/// For build/deploy-check.sh: <c>--idempotency-keys PREFIX</c> sends <c>Idempotency-Key: PREFIX-userid</c> and, as a
/// careful client would, sends the same request again (same key, 0.5 s apart, for up to <c>--retry-seconds</c>, 10)
/// while the answer is "still in progress" (409 <c>CONFLICT</c>), a gateway error (502/503/504) or none at all. The
/// report then counts each answer's error code (<c>codes</c>) and how many requests needed more than one attempt.
/// </para>
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
        var rate = options.Number("rate", 0);
        var warmup = options.Number("warmup", 0);
        var keyPrefix = options.Has("idempotency-keys") ? options.Text("idempotency-keys") : null;
        var retryFor = TimeSpan.FromSeconds(options.Number("retry-seconds", 10));
        var urls = options.Text("url").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var userCount = lastUser - firstUser + 1;
        var eventCount = lastEvent - firstEvent + 1;

        // Tokens and bodies are prepared before the clock starts.
        var tokens = Tokens.MintRange(key, firstUser, lastUser);
        var bodies = Enumerable.Range(0, userCount)
            .Select(i => string.Create(CultureInfo.InvariantCulture, $$"""{"eventId":{{firstEvent + (i % eventCount)}}}"""))
            .ToArray();

        var clients = urls.Select(url => Http.CreateClient(url, concurrency)).ToArray();
        var outcomes = new Outcome[userCount];
        var servedBy = new int[userCount];
        var failedOver = new bool[userCount];
        var finishedAt = new long[userCount];
        var attempts = new int[userCount];
        var firstSentAt = 0L;
        var tally = new RequestTally();
        var next = -1;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(maxSeconds));

        var clock = Stopwatch.StartNew();
        try
        {
            var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < userCount && !deadline.IsCancellationRequested)
                {
                    await Http.WaitForTurnAsync(i, rate, clock);

                    var firstSent = clock.Elapsed;
                    Interlocked.CompareExchange(ref firstSentAt, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), 0);
                    do
                    {
                        if (attempts[i] > 0)
                        {
                            await Task.Delay(500, CancellationToken.None);
                        }

                        attempts[i]++;
                        for (var attempt = 0; attempt < clients.Length; attempt++)
                        {
                            servedBy[i] = (i + attempt) % clients.Length;
                            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/bookings") { Content = Http.JsonBody(bodies[i]) };
                            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens[i]);
                            if (keyPrefix is not null)
                            {
                                request.Headers.Add("Idempotency-Key", string.Create(CultureInfo.InvariantCulture, $"{keyPrefix}-{firstUser + i}"));
                            }

                            outcomes[i] = await RequestTally.SendUncountedAsync(clients[servedBy[i]], request, readErrorCode: keyPrefix is not null);
                            if (!outcomes[i].NeverConnected)
                            {
                                break;
                            }

                            failedOver[i] = clients.Length > 1;
                        }
                    }
                    while (keyPrefix is not null && WorthRepeating(outcomes[i]) && clock.Elapsed - firstSent < retryFor);

                    finishedAt[i] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                    tally.Count(outcomes[i]);
                }
            })).ToArray();
            await Task.WhenAll(workers);
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }

        clock.Stop();

        if (options.Has("outcomes"))
        {
            await File.WriteAllLinesAsync(options.Text("outcomes"), Enumerable.Range(0, userCount).Where(i => finishedAt[i] != 0).Select(i =>
                string.Create(CultureInfo.InvariantCulture, $"{firstUser + i},{servedBy[i]},{outcomes[i].Status},{(failedOver[i] ? 1 : 0)},{finishedAt[i]},{Http.Round(outcomes[i].LatencyMs)}")));
        }

        var answered = outcomes.Skip(warmup).Where(o => o.Status != 0).Select(o => o.LatencyMs).Order().ToArray();
        var seconds = clock.Elapsed.TotalSeconds;
        var created = tally.Status("201");
        var requests = outcomes.Count(o => o.Status != 0) + tally.Errors;
        var report = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["mode"] = eventCount == 1 ? "hot" : "spread",
            ["users"] = userCount,
            ["events"] = eventCount,
            ["instances"] = clients.Length,
            ["concurrency"] = concurrency,
            ["requests"] = requests,
            ["warmup_requests"] = Math.Min(warmup, requests),
            ["completed"] = requests == userCount,
            ["status_201"] = created,
            ["status_409"] = tally.Status("409"),
            ["failed_over"] = failedOver.Count(f => f),
            ["duration_s"] = Http.Round(seconds, 3),
            ["first_sent_unix_ms"] = firstSentAt,
            ["last_answer_unix_ms"] = finishedAt.Max(),
            ["bookings_per_s"] = Http.Round(created / seconds, 1),
            ["requests_per_s"] = Http.Round(requests / seconds, 1),
        };
        tally.AddTo(report, answered, "201", "409");
        if (keyPrefix is not null)
        {
            report["codes"] = outcomes.Where(o => o.Code is not null)
                .GroupBy(o => string.Create(CultureInfo.InvariantCulture, $"{o.Status} {o.Code}"), StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            report["repeated"] = attempts.Count(a => a > 1);
        }

        return Http.ToJson(report);
    }

    /// <summary>An answer a client with an Idempotency-Key should ask again for: none yet, or none that is final.</summary>
    private static bool WorthRepeating(Outcome outcome) =>
        outcome.Status is 0 or 502 or 503 or 504 || (outcome.Status == 409 && outcome.Code == "CONFLICT");
}
