using System.Globalization;
using System.Threading.RateLimiting;
using EventBooking.Infrastructure.Configuration;
using EventBooking.WebApi.Hosting;
using EventBooking.WebApi.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace EventBooking.WebApi.RateLimiting;

/// <summary>
/// ASP.NET Core's limiter: a general per-client window on everything, and a stricter one on login and
/// register (credential stuffing). A refusal is 429 <c>RATE_LIMITED</c> with <c>Retry-After</c>.
/// </summary>
internal static class RateLimiting
{
    public const string AuthPolicy = "auth";

    /// <summary>Door check-ins: their own, higher limit per scanning account, outside the general one.</summary>
    public const string DoorPolicy = "door";

    public static IServiceCollection AddApiRateLimiting(this IServiceCollection services)
    {
        services.AddOptions<RateLimitingSettings>()
            .BindSection(RateLimitingSettings.SectionName)
            .Validate(s => s.PermitsPerMinute > 0 && s.AuthPermitsPerMinute > 0 && s.CheckInPermitsPerMinute > 0,
                "RateLimiting__PermitsPerMinute, RateLimiting__AuthPermitsPerMinute and RateLimiting__CheckInPermitsPerMinute must be positive.")
            .ValidateOnStart();

        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitingSettings>, TimeProvider>((limiter, settings, clock) =>
        {
            var s = settings.Value;
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (context, cancellationToken) => WriteRejectionAsync(context, clock, cancellationToken);
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                !s.Enabled ? RateLimitPartition.GetNoLimiter("disabled")
                : IsDoor(http) ? RateLimitPartition.GetNoLimiter("door")
                : WarmUpGate.IsWarmUp(http) ? RateLimitPartition.GetNoLimiter("warm-up")
                : PerMinute(ClientKey(http), s.PermitsPerMinute));
            limiter.AddPolicy(AuthPolicy, http =>
                s.Enabled ? PerMinute($"auth:{IpAddress(http)}", s.AuthPermitsPerMinute) : RateLimitPartition.GetNoLimiter("disabled"));
            limiter.AddPolicy(DoorPolicy, http =>
                s.Enabled ? PerMinute($"door:{ClientKey(http)}", s.CheckInPermitsPerMinute) : RateLimitPartition.GetNoLimiter("disabled"));
        });
        return services;
    }

    /// <summary>A signed-in call of an endpoint under <see cref="DoorPolicy"/>: the general limit does not count it.</summary>
    private static bool IsDoor(HttpContext http) =>
        http.User.Identity?.IsAuthenticated == true
        && http.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName == DoorPolicy;

    private static RateLimitPartition<string> PerMinute(string key, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });

    /// <summary>Signed-in callers are limited per user (many users can share one NAT address); others per IP.</summary>
    private static string ClientKey(HttpContext http) =>
        http.User.FindFirst(Infrastructure.Authentication.JwtClaims.Id)?.Value is { } userId
            ? $"user:{userId}"
            : $"ip:{IpAddress(http)}";

    private static string IpAddress(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static async ValueTask WriteRejectionAsync(OnRejectedContext context, TimeProvider clock, CancellationToken cancellationToken)
    {
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(60);
        context.HttpContext.Response.Headers.RetryAfter =
            Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        await ErrorResponses.WriteAsync(
            context.HttpContext, clock, StatusCodes.Status429TooManyRequests, ErrorCodes.RateLimited, "Too many requests, please try again later");
    }
}
