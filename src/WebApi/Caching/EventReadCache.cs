using EventBooking.Application.Common.Notifications;
using EventBooking.Application.Realtime;
using EventBooking.Infrastructure.Configuration;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;

namespace EventBooking.WebApi.Caching;

/// <summary>
/// Anonymous event reads (<c>GET /api/events</c> and <c>GET /api/events/{id}</c>) served from ASP.NET
/// Core's output cache for at most <see cref="CachingOptions.EventReadSeconds"/> seconds.
/// <list type="bullet">
/// <item>Only requests without an <c>Authorization</c> header are cached (the output cache's default
/// policy): an admin's answer carries creator emails and never enters or leaves the cache.</item>
/// <item>A successful command that declares it changes events (<c>IChangesEvents</c>) empties it before its
/// answer is sent, so the writer reads its own write: the cache is an <see cref="IEventChangeObserver"/>.</item>
/// <item>Seat changes (an <c>IChangesSeats</c> command answered here, and every seat change NOTIFYed by any
/// instance, heard as an <see cref="ISeatChangeDelivery"/> beside the WebSocket subscriptions) empty it too, but
/// at most once per <see cref="SeatChangeWindow"/>: during a sell-out a booking every millisecond would otherwise
/// leave nothing to serve from. A change always reaches anonymous reads by the end of its window.</item>
/// <item>Emptying also moves the cache to a new generation, which is part of every entry's key: a read
/// that started before a write (and may have seen the database before it) stores its answer under the
/// old generation, where no later request looks, and no later request can join it while it runs.</item>
/// <item>What no notification covers (an event edited on another instance) is at most the cache's
/// lifetime old.</item>
/// </list>
/// </summary>
internal static class EventReadCache
{
    public const string PolicyName = "EventReads";
    private const string Tag = "events";
    /// <summary>Seat changes empty the cache at most this often.</summary>
    public static readonly TimeSpan SeatChangeWindow = TimeSpan.FromMilliseconds(100);

    public static IServiceCollection AddEventReadCache(this IServiceCollection services)
    {
        services.AddOptions<CachingOptions>()
            .BindSection(CachingOptions.SectionName)
            .Validate(o => o.EventReadSeconds is >= 0 and <= 300, "Caching__EventReadSeconds must be between 0 (off) and 300.")
            .ValidateOnStart();
        services.AddOutputCache();
        services.AddSingleton<EventReadCacheGeneration>();
        services.AddOptions<OutputCacheOptions>().Configure<IOptions<CachingOptions>, EventReadCacheGeneration>((options, caching, generation) =>
        {
            // Every distinct query string is an entry: bound what a client inventing searches can make us hold.
            options.SizeLimit = 32 * 1024 * 1024;
            options.MaximumBodySize = 1024 * 1024;
            var seconds = caching.Value.EventReadSeconds;
            options.AddPolicy(PolicyName, policy =>
            {
                if (seconds > 0)
                {
                    policy.Expire(TimeSpan.FromSeconds(seconds)).Tag(Tag)
                        .VaryByValue(_ => new KeyValuePair<string, string>("generation", generation.Current));
                }
                else
                {
                    policy.NoCache();
                }
            });
        });

        // The observer that empties it is registered by the composition root (one instance for both interfaces).
        services.AddSingleton<EventReadCacheObserver>();
        return services;
    }

    /// <summary>The output cache; after authorization and rate limiting.</summary>
    public static IApplicationBuilder UseEventReadCache(this IApplicationBuilder app) => app.UseOutputCache();

    /// <summary>New generation first (reads already running cannot store into the new one), then drop the entries.</summary>
    internal static ValueTask Empty(IOutputCacheStore store, EventReadCacheGeneration generation)
    {
        generation.Advance();
        return store.EvictByTagAsync(Tag, CancellationToken.None);
    }
}

/// <summary>Configuration section <c>Caching</c>.</summary>
internal sealed class CachingOptions
{
    public const string SectionName = "Caching";

    /// <summary>How long an anonymous event read may be served from memory; 0 turns the cache off. Env: <c>Caching__EventReadSeconds</c>.</summary>
    public int EventReadSeconds { get; set; } = 1;
}
