using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace EventBooking.WebApi.Hosting;

/// <summary>
/// Whether the start-up warm-up is over, as the readiness check sees it, and which requests are the warm-up's own.
/// <para>
/// The warm-up's requests carry <see cref="HeaderName"/> with a secret drawn when the process starts and never sent
/// anywhere but this instance's own loopback address. A request from a loopback peer with that exact value, while the
/// warm-up runs, is the warm-up's: it is kept out of the request log, the rate limits, the HTTP metrics and the
/// traces. Any other value, any other peer, or any request after the warm-up is an ordinary request (the header is
/// removed before the endpoints see it).
/// </para>
/// </summary>
internal sealed class WarmUpGate(IOptions<WarmUpOptions> options)
{
    public const string HeaderName = "X-EventBooking-Warm-Up";

    private readonly byte[] _secret = Encoding.ASCII.GetBytes(Convert.ToHexString(RandomNumberGenerator.GetBytes(32)));

    /// <summary>Done from the start when there is no warm-up to run, so readiness never waits for the hosted service.</summary>
    private volatile bool _complete = !options.Value.Enabled || options.Value.Requests == 0;

    /// <summary>The header value of the warm-up's requests.</summary>
    public string Secret => Encoding.ASCII.GetString(_secret);

    public bool IsComplete => _complete;

    public void Complete() => _complete = true;

    /// <summary>True when <paramref name="http"/> is one of the warm-up's requests (the header is not removed here).</summary>
    public bool Carries(HttpContext http) =>
        !_complete
        && http.Request.Headers.TryGetValue(HeaderName, out var presented)
        && presented.Count == 1
        && http.Connection.RemoteIpAddress is { } peer && IPAddress.IsLoopback(peer)
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(presented.ToString()), _secret);

    /// <summary>Marks the warm-up's requests (<see cref="IsWarmUp"/>) and takes the header off every request.</summary>
    public void Admit(HttpContext http)
    {
        if (!http.Request.Headers.ContainsKey(HeaderName))
        {
            return;
        }

        if (Carries(http))
        {
            http.Features.Set(WarmUpRequest.Instance);
            if (http.Features.Get<IHttpMetricsTagsFeature>() is { } metrics)
            {
                metrics.MetricsDisabled = true;
            }
        }

        http.Request.Headers.Remove(HeaderName);
    }

    /// <summary>Whether <see cref="Admit"/> marked <paramref name="http"/> as the warm-up's.</summary>
    public static bool IsWarmUp(HttpContext http) => http.Features.Get<WarmUpRequest>() is not null;

    private sealed class WarmUpRequest
    {
        public static readonly WarmUpRequest Instance = new();
    }
}
