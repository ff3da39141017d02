using System.Diagnostics;
using EventBooking.Infrastructure.Authentication;
using EventBooking.WebApi.Hosting;

namespace EventBooking.WebApi.Observability;

/// <summary>
/// One Information line per HTTP request, written when it ends: method, route template (never the raw path or query,
/// which can carry a WebSocket token), status, duration, user id, client address and trace id, the same trace id an error envelope
/// carries, so a client's <c>traceId</c> finds its line. Bodies and headers are never logged, nor the start-up warm-up's requests.
/// </summary>
internal sealed partial class RequestLogging(RequestDelegate next, ILogger<RequestLogging> logger)
{
    private const int MaxUnmatchedPathLength = 100;

    public async Task InvokeAsync(HttpContext http)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(http);
        }
        finally
        {
            if (logger.IsEnabled(LogLevel.Information) && !WarmUpGate.IsWarmUp(http))
            {
                LogRequest(
                    logger,
                    http.Request.Method,
                    Route(http),
                    http.Response.StatusCode,
                    Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                    http.User.FindFirst(JwtClaims.Id)?.Value ?? "-",
                    ClientAddress(http),
                    Activity.Current?.TraceId.ToHexString() ?? http.TraceIdentifier);
            }
        }
    }

    /// <summary>
    /// The client's address as the API sees it: behind a configured proxy the address the proxy names (forwarded headers
    /// are applied before this middleware), otherwise the connection's peer.
    /// </summary>
    private static string ClientAddress(HttpContext http) => http.Connection.RemoteIpAddress switch
    {
        null => "-",
        { IsIPv4MappedToIPv6: true } mapped => mapped.MapToIPv4().ToString(),
        var address => address.ToString(),
    };

    /// <summary>The matched route's template; for no match, the path (cut short), without its query.</summary>
    private static string Route(HttpContext http)
    {
        if (http.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } template })
        {
            return template;
        }

        var path = http.Request.Path.Value ?? "/";
        return path.Length <= MaxUnmatchedPathLength ? path : path[..MaxUnmatchedPathLength] + "...";
    }

    [LoggerMessage(
        EventId = 1,
        Level = LogLevel.Information,
        Message = "HTTP {Method} {Route} -> {StatusCode} in {ElapsedMs:0.0} ms, user {UserId}, client {ClientAddress}, trace {TraceId}")]
    private static partial void LogRequest(
        ILogger logger, string method, string route, int statusCode, double elapsedMs, string userId, string clientAddress, string traceId);
}
