using System.Diagnostics;
using System.Globalization;

namespace EventBooking.LoadClient;

/// <summary>
/// A login burst: C workers post <c>/api/auth/login</c> once for each of <c>bench{n}@bench.example</c>,
/// n in <c>--emails A-B</c>, with <c>--password</c>. Each answer is a bcrypt verification the server has
/// to pay for (or a 429/503 it refused cheaply); for build/chaos.sh. <c>--rate R</c> starts at most R logins
/// per second (so the attacker's own CPU on a shared machine is bounded and known).
/// </summary>
internal static class LoginRun
{
    public static async Task<string> RunAsync(Options options)
    {
        var (first, last) = options.Range("emails");
        var password = options.Text("password");
        var concurrency = options.Number("concurrency");
        var count = last - first + 1;
        var rate = options.Number("rate", 0);
        var bodies = Enumerable.Range(first, count)
            .Select(n => string.Create(CultureInfo.InvariantCulture, $$"""{"email":"bench{{n}}@bench.example","password":"{{password}}"}"""))
            .ToArray();

        using var client = Http.CreateClient(options.Text("url"), concurrency);
        var tally = new RequestTally();
        var latencies = new double?[count];
        var next = -1;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                await Http.WaitForTurnAsync(i, rate, clock);

                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login") { Content = Http.JsonBody(bodies[i]) };
                latencies[i] = await tally.SendAsync(client, request);
            }
        })).ToArray();
        await Task.WhenAll(workers);
        clock.Stop();

        var sorted = latencies.OfType<double>().Order().ToArray();
        var report = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["mode"] = "login",
            ["requests"] = count,
            ["concurrency"] = concurrency,
            ["status_200"] = tally.Status("200"),
            ["status_401"] = tally.Status("401"),
            ["duration_s"] = Http.Round(clock.Elapsed.TotalSeconds, 3),
        };
        tally.AddTo(report, sorted, "200", "401");
        return Http.ToJson(report);
    }
}
