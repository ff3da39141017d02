using System.Diagnostics;
using System.Globalization;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;

namespace EventBooking.LoadClient;

internal static class Http
{
    /// <summary>
    /// <c>LOADCLIENT_TLS_ROOT=FILE</c>: trust the certificates that the PEM certificate in FILE issued (or is), as well
    /// as the system's: build/deploy-check.sh talks to nginx on loopback with a certificate of its own making.
    /// </summary>
    public static SslClientAuthenticationOptions TlsOptions()
    {
        var options = new SslClientAuthenticationOptions();
        if (Environment.GetEnvironmentVariable("LOADCLIENT_TLS_ROOT") is { Length: > 0 } file)
        {
            var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
            policy.CustomTrustStore.Add(X509Certificate2.CreateFromPem(File.ReadAllText(file)));
            options.CertificateChainPolicy = policy;
        }

        return options;
    }

    public static SocketsHttpHandler CreateHandler(int concurrency) => new()
    {
        MaxConnectionsPerServer = concurrency,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        UseCookies = false,
        UseProxy = false,
        AllowAutoRedirect = false,
        SslOptions = TlsOptions(),
    };

    public static HttpClient CreateClient(string baseUrl, int concurrency) =>
        new(CreateHandler(concurrency))
        {
            BaseAddress = new Uri(baseUrl),
            Timeout = TimeSpan.FromSeconds(30),
        };

    /// <summary><c>ws(s)://host/ws/events/{eventId}?token=...</c> on the API at <paramref name="baseUrl"/> (wss for https).</summary>
    public static Uri EventSocketUri(Uri baseUrl, int eventId, string token) => new UriBuilder(baseUrl)
    {
        Scheme = baseUrl.Scheme == "https" ? "wss" : "ws",
        Path = string.Create(CultureInfo.InvariantCulture, $"/ws/events/{eventId}"),
        Query = "token=" + token,
    }.Uri;

    /// <summary>Nearest-rank percentile of sorted latencies in milliseconds.</summary>
    public static double Percentile(double[] sorted, double p)
    {
        if (sorted.Length == 0)
        {
            return 0;
        }

        var rank = (int)Math.Ceiling(p / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public static string ToJson(IReadOnlyDictionary<string, object> values) =>
        JsonSerializer.Serialize(values);

    public static string StatusKey(int status) => status.ToString(CultureInfo.InvariantCulture);

    public static StringContent JsonBody(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>
    /// With <paramref name="perSecond"/> above 0, waits until request number <paramref name="n"/> (from 0)
    /// is due, <paramref name="n"/>/<paramref name="perSecond"/> seconds after <paramref name="clock"/> started.
    /// </summary>
    public static Task WaitForTurnAsync(long n, int perSecond, Stopwatch clock) =>
        perSecond > 0 && TimeSpan.FromSeconds(n / (double)perSecond) - clock.Elapsed is { Ticks: > 0 } wait
            ? Task.Delay(wait)
            : Task.CompletedTask;

    public static double Round(double value, int digits = 2) => Math.Round(value, digits, MidpointRounding.AwayFromZero);
}
