using System.Text.Json;
using System.Text.Json.Serialization;
using EventBooking.Application.Common.Interfaces;
using EventBooking.Application.Common.Notifications;
using EventBooking.Application.Realtime;
using EventBooking.Infrastructure.Configuration;
using EventBooking.WebApi.Caching;
using EventBooking.WebApi.Endpoints;
using EventBooking.WebApi.Hosting;
using EventBooking.WebApi.Http;
using EventBooking.WebApi.Json;
using EventBooking.WebApi.Observability;
using EventBooking.WebApi.OpenApi;
using EventBooking.WebApi.RateLimiting;
using EventBooking.WebApi.Realtime;
using EventBooking.WebApi.Security;
using Microsoft.AspNetCore.Http.Json;
using Scalar.AspNetCore;

namespace EventBooking.WebApi;

/// <summary>The web layer's wiring (<see cref="AddWebApi"/>) and its request pipeline (<see cref="UseWebApi"/>).</summary>
internal static class DependencyInjection
{
    public static WebApplicationBuilder AddWebApi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = RequestBodyLimits.DefaultMaxBodyBytes;

            // A slow-header (slowloris) connection is held until this runs out; Kestrel's 30 s default let 100 of them
            // sit for 31 s in build/chaos.sh. Any real client sends its headers in well under a second.
            kestrel.Limits.RequestHeadersTimeout =
                builder.Configuration.GetValue<TimeSpan?>("Kestrel:Limits:RequestHeadersTimeout") ?? TimeSpan.FromSeconds(10);
        });

        services.Configure<JsonOptions>(options => ConfigureJson(options.SerializerOptions));
        services.AddPublicUrls(); // after ConfigureJson: it adds a modifier to that resolver
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);

        services.AddExceptionHandler<GlobalExceptionHandler>();
        services.AddProblemDetails();
        services.AddStatusCodeEnvelopes();

        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentUser, HttpCurrentUser>();
        services.AddScoped<IdempotencyFilter>();
        services.AddJwtAuthentication();
        services.AddAuthorizationPolicies();
        services.AddApiRateLimiting();
        services.AddApiCors(builder.Configuration);
        builder.AddTelemetry();
        services.AddStartupWarmUp();
        services.AddProxySupport(builder.Configuration);

        services.AddOptions<RealtimeOptions>()
            .BindSection(RealtimeOptions.SectionName)
            .Validate(
                o => o is { MaxConnectionsPerUser: > 0, MaxSubscriptionsPerConnection: > 0, SendQueueCapacity: > 0, KeepAliveSeconds: > 0, MaxMessageBytes: >= 256, SeatUpdateIntervalMs: >= 0 and <= 10_000, SeatMessagesPerSecond: >= 100 },
                "Realtime__* settings must be positive (MaxMessageBytes at least 256; SeatUpdateIntervalMs 0 to 10000; SeatMessagesPerSecond at least 100).")
            .ValidateOnStart();
        services.AddSingleton<LoginShedLog>(); // one log window for every request's LoginAdmissionFilter (created per request)
        services.AddSingleton<RealtimeQuotas>();
        services.AddSingleton<RealtimeSubscriptions>();
        services.AddSingleton<RealtimeProtocol>();
        services.AddSingleton<ISeatChangeDelivery>(sp => sp.GetRequiredService<RealtimeSubscriptions>());
        services.AddEventReadCache();

        // Seat changes from any instance reach the WebSocket subscriptions and the read cache, each registered on
        // its own; the cache also hears of this instance's successful event and seat commands.
        services.AddSingleton<ISeatChangeDelivery>(sp => sp.GetRequiredService<EventReadCacheObserver>());
        services.AddSingleton<IEventChangeObserver>(sp => sp.GetRequiredService<EventReadCacheObserver>());

        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer<BearerSecurityTransformer>();
            options.AddOperationTransformer<BearerSecurityTransformer>();
            options.AddOperationTransformer<FormContractTransformer>();
            options.AddDocumentTransformer<DocumentInfoTransformer>();
            options.AddSchemaTransformer<WireSchemaTransformer>();
            options.AddDocumentTransformer<WireSchemaTransformer>();
            options.AddOperationTransformer<IdempotencyKeyTransformer>();
            options.AddOperationTransformer<FileResponseTransformer>();
            options.AddOperationTransformer<ProblemDetailsTransformer>();
        });

        return builder;
    }

    /// <summary>camelCase, UTC times with milliseconds and Z, numbers only as JSON numbers, no deep nesting.</summary>
    public static void ConfigureJson(JsonSerializerOptions json)
    {
        json.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        json.NumberHandling = JsonNumberHandling.Strict;
        json.MaxDepth = 32;
        json.Converters.Add(new UtcDateTimeJsonConverter());
        json.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        json.TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver
        {
            Modifiers = { OmittedWhenNull.Apply },
        };
    }

    public static WebApplication UseWebApi(this WebApplication app)
    {
        // Before the proxy's forwarded address replaces the peer's: the warm-up's requests come from this host itself.
        var warmUp = app.Services.GetRequiredService<WarmUpGate>();
        app.Use((context, next) =>
        {
            warmUp.Admit(context);
            return next(context);
        });

        // Then: everything after it sees the real client address.
        app.UseProxySupport(app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ProxyOptions>>().Value);
        // First, and set as the response starts: the exception handler clears headers before it answers.
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                context.Response.Headers.XContentTypeOptions = "nosniff";
                return Task.CompletedTask;
            });
            return next(context);
        });
        app.UseMiddleware<RequestLogging>(); // outside the exception handler: it logs the status actually sent
        app.UseExceptionHandler(new ExceptionHandlerOptions { SuppressDiagnosticsCallback = _ => true });
        app.UseStatusCodeEnvelopes();
        app.UseCors();
        var keepAlive = TimeSpan.FromSeconds(app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<RealtimeOptions>>().Value.KeepAliveSeconds);
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = keepAlive, KeepAliveTimeout = keepAlive });
        app.UseRouting();
        app.UseMiddleware<RequestBodyLimits>();
        app.UseMiddleware<JsonCharsetGuard>();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseEventReadCache();

        app.MapOpenApi().DisableRateLimiting();
        app.MapScalarApiReference().DisableRateLimiting();

        app.MapHealthEndpoints();
        app.MapTelemetry(app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<MetricsOptions>>().Value);

        // The endpoints answering with ErrorResult: the filter gives it the clock it is stamped with.
        var api = app.MapGroup(string.Empty).AddEndpointFilter<ErrorResultFilter>();
        api.MapAuthEndpoints();
        api.MapAdminUserEndpoints();
        api.MapEventEndpoints();
        api.MapBookingEndpoints();
        api.MapWaitlistEndpoints();
        api.MapTicketEndpoints();

        app.MapRealtimeEndpoints();
        return app;
    }
}
