using EventBooking.Application.Realtime;
using EventBooking.WebApi.Realtime;
using Microsoft.AspNetCore.OutputCaching;

namespace EventBooking.WebApi.Caching;

/// <summary>
/// Anonymous event reads (<c>GET /api/events</c> and <c>GET /api/events/{id}</c>) served from ASP.NET
/// Core's output cache for at most <see cref="CachingOptions.EventReadSeconds"/> seconds.
/// <list type="bullet">
/// <item>Only requests without an <c>Authorization</c> header are cached (the output cache's default
/// policy): an admin's answer carries creator emails and never enters or leaves the cache.</item>
/// <item>Any successful write under <c>/api/events</c>, <c>/api/bookings</c> or <c>/api/admin</c>
/// empties it before its answer is sent, so a client that just booked reads its own write.</item>
/// <item>Emptying also moves the cache to a new generation, which is part of every entry's key: a read
/// that started before a write (and may have seen the database before it) stores its answer under the
/// old generation, where no later request looks, and no later request can join it while it runs.</item>
/// <item>Every seat change from another instance (the NOTIFY every instance LISTENs to) empties it too;
/// what no notification covers (an event edited on another instance) is at most that many seconds old.</item>
/// </list>
/// </summary>
internal static class EventReadCache
{
    public const string PolicyName = "EventReads";
    private const string Tag = "events";
    private static readonly string[] WritePrefixes = ["/api/events", "/api/bookings", "/api/admin"];

    public static IServiceCollection AddEventReadCache(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CachingOptions>()
            .BindConfiguration(CachingOptions.SectionName)
            .Validate(o => o.EventReadSeconds is >= 0 and <= 300, "Caching__EventReadSeconds must be between 0 (off) and 300.")
            .ValidateOnStart();
        var seconds = configuration.GetValue(CachingOptions.SectionName + ":" + nameof(CachingOptions.EventReadSeconds), new CachingOptions().EventReadSeconds);
        services.AddOutputCache(options =>
        {
            // Every distinct query string is an entry: bound what a client inventing searches can make us hold.
            options.SizeLimit = 32 * 1024 * 1024;
            options.MaximumBodySize = 1024 * 1024;
            options.AddPolicy(PolicyName, policy =>
            {
                if (seconds > 0)
                {
                    policy.Expire(TimeSpan.FromSeconds(seconds)).Tag(Tag)
                        .VaryByValue(context => new KeyValuePair<string, string>(
                            "generation", context.RequestServices.GetRequiredService<Generation>().Current));
                }
                else
                {
                    policy.NoCache();
                }
            });
        });

        // Seat changes reach this instance's sockets and empty its cache.
        services.AddSingleton<Generation>();
        services.AddSingleton<ISeatChangeDelivery>(sp => new EvictingDelivery(
            sp.GetRequiredService<RealtimeHub>(), sp.GetRequiredService<IOutputCacheStore>(), sp.GetRequiredService<Generation>()));
        return services;
    }

    /// <summary>Output cache plus the eviction on writes; after authorization and rate limiting.</summary>
    public static IApplicationBuilder UseEventReadCache(this IApplicationBuilder app)
    {
        var store = app.ApplicationServices.GetRequiredService<IOutputCacheStore>();
        var generation = app.ApplicationServices.GetRequiredService<Generation>();
        app.Use((context, next) =>
        {
            if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method) && IsWrite(context.Request.Path))
            {
                context.Response.OnStarting(() =>
                    context.Response.StatusCode is >= 200 and < 300 ? Empty(store, generation).AsTask() : Task.CompletedTask);
            }

            return next(context);
        });
        return app.UseOutputCache();
    }

    /// <summary>New generation first (reads already running cannot store into the new one), then drop the entries.</summary>
    private static ValueTask Empty(IOutputCacheStore store, Generation generation)
    {
        generation.Advance();
        return store.EvictByTagAsync(Tag, CancellationToken.None);
    }

    private static bool IsWrite(PathString path)
    {
        foreach (var prefix in WritePrefixes)
        {
            if (path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>This instance's cache generation (part of every entry's key).</summary>
    private sealed class Generation
    {
        private long _value;

        public string Current => Interlocked.Read(ref _value).ToString(System.Globalization.CultureInfo.InvariantCulture);

        public void Advance() => Interlocked.Increment(ref _value);
    }

    private sealed class EvictingDelivery(RealtimeHub hub, IOutputCacheStore store, Generation generation) : ISeatChangeDelivery
    {
        public void Deliver(SeatChange change)
        {
            // The in-memory store evicts synchronously; anything else finishes on its own.
            var eviction = Empty(store, generation);
            if (!eviction.IsCompleted)
            {
                _ = eviction.AsTask();
            }

            hub.Deliver(change);
        }
    }
}

/// <summary>Configuration section <c>Caching</c>.</summary>
internal sealed class CachingOptions
{
    public const string SectionName = "Caching";

    /// <summary>How long an anonymous event read may be served from memory; 0 turns the cache off. Env: <c>Caching__EventReadSeconds</c>.</summary>
    public int EventReadSeconds { get; set; } = 1;
}
