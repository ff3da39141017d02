using EventBooking.Application.Realtime;
using EventBooking.WebApi.Realtime;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;

namespace EventBooking.WebApi.Caching;

/// <summary>
/// Anonymous event reads (<c>GET /api/events</c> and <c>GET /api/events/{id}</c>) served from ASP.NET
/// Core's output cache for at most <see cref="CachingOptions.EventReadSeconds"/> seconds.
/// <list type="bullet">
/// <item>Only requests without an <c>Authorization</c> header are cached (the output cache's default
/// policy): an admin's answer carries creator emails and never enters or leaves the cache.</item>
/// <item>A successful event write (under <c>/api/events</c> or <c>/api/admin</c>) empties it before its
/// answer is sent, so the writer reads its own write.</item>
/// <item>Seat changes (a booking or cancellation answered here, and every seat change NOTIFYed by any
/// instance) empty it too, but at most once per <see cref="SeatChangeWindow"/>: during a sell-out a
/// booking every millisecond would otherwise leave nothing to serve from. A change always reaches
/// anonymous reads by the end of its window.</item>
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

    private static readonly string[] EventWritePrefixes = ["/api/events", "/api/admin"];

    public static IServiceCollection AddEventReadCache(this IServiceCollection services)
    {
        services.AddOptions<CachingOptions>()
            .BindConfiguration(CachingOptions.SectionName)
            .Validate(o => o.EventReadSeconds is >= 0 and <= 300, "Caching__EventReadSeconds must be between 0 (off) and 300.")
            .ValidateOnStart();
        services.AddOutputCache();
        services.AddOptions<OutputCacheOptions>().Configure<IOptions<CachingOptions>>((options, caching) =>
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
                        .VaryByValue(context => new KeyValuePair<string, string>(
                            "generation", context.RequestServices.GetRequiredService<Generation>().Current));
                }
                else
                {
                    policy.NoCache();
                }
            });
        });

        // Seat changes reach this instance's sockets and (coalesced) empty its cache.
        services.AddSingleton<Generation>();
        services.AddSingleton(sp => new SeatChangeEviction(sp.GetRequiredService<IOutputCacheStore>(), sp.GetRequiredService<Generation>()));
        services.AddSingleton<ISeatChangeDelivery>(sp => new EvictingDelivery(
            sp.GetRequiredService<RealtimeSubscriptions>(), sp.GetRequiredService<SeatChangeEviction>()));
        return services;
    }

    /// <summary>Output cache plus the eviction on writes; after authorization and rate limiting.</summary>
    public static IApplicationBuilder UseEventReadCache(this IApplicationBuilder app)
    {
        var store = app.ApplicationServices.GetRequiredService<IOutputCacheStore>();
        var generation = app.ApplicationServices.GetRequiredService<Generation>();
        var seatChanges = app.ApplicationServices.GetRequiredService<SeatChangeEviction>();
        app.Use((context, next) =>
        {
            var request = context.Request;
            if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
            {
                if (IsEventWrite(request.Path))
                {
                    context.Response.OnStarting(() =>
                        context.Response.StatusCode is >= 200 and < 300 ? Empty(store, generation).AsTask() : Task.CompletedTask);
                }
                else if (request.Path.StartsWithSegments("/api/bookings", StringComparison.OrdinalIgnoreCase))
                {
                    context.Response.OnStarting(() =>
                    {
                        if (context.Response.StatusCode is >= 200 and < 300)
                        {
                            seatChanges.Request();
                        }

                        return Task.CompletedTask;
                    });
                }
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

    private static bool IsEventWrite(PathString path)
    {
        foreach (var prefix in EventWritePrefixes)
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

    /// <summary>Empties the cache for seat changes, at most once per <see cref="SeatChangeWindow"/>.</summary>
    private sealed class SeatChangeEviction(IOutputCacheStore store, Generation generation)
    {
        private readonly Lock _lock = new();
        private long _last = long.MinValue;
        private bool _pending;

        /// <summary>Empties now if the window since the last emptying has passed, else once at its end.</summary>
        public void Request()
        {
            TimeSpan wait;
            lock (_lock)
            {
                if (_pending)
                {
                    return;
                }

                var now = System.Diagnostics.Stopwatch.GetTimestamp();
                wait = _last == long.MinValue ? TimeSpan.Zero : SeatChangeWindow - System.Diagnostics.Stopwatch.GetElapsedTime(_last, now);
                if (wait <= TimeSpan.Zero)
                {
                    _last = now;
                }
                else
                {
                    _pending = true;
                }
            }

            if (wait <= TimeSpan.Zero)
            {
                Forget(Empty(store, generation));
            }
            else
            {
                _ = EmptyLaterAsync(wait);
            }
        }

        private async Task EmptyLaterAsync(TimeSpan wait)
        {
            await Task.Delay(wait).ConfigureAwait(false);
            lock (_lock)
            {
                _pending = false;
                _last = System.Diagnostics.Stopwatch.GetTimestamp();
            }

            await Empty(store, generation).ConfigureAwait(false);
        }

        /// <summary>The in-memory store evicts synchronously; anything else finishes on its own.</summary>
        private static void Forget(ValueTask eviction)
        {
            if (!eviction.IsCompleted)
            {
                _ = eviction.AsTask();
            }
        }
    }

    private sealed class EvictingDelivery(RealtimeSubscriptions hub, SeatChangeEviction seatChanges) : ISeatChangeDelivery
    {
        public void Deliver(SeatChange change)
        {
            seatChanges.Request();
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
