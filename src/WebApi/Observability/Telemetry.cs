using EventBooking.Application.Common.Telemetry;
using EventBooking.Infrastructure.Configuration;
using EventBooking.WebApi.Hosting;
using EventBooking.WebApi.Http;
using OpenTelemetry.Instrumentation.AspNetCore;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace EventBooking.WebApi.Observability;

/// <summary>
/// OpenTelemetry: metrics for a Prometheus scrape (ASP.NET Core, Kestrel, runtime, Npgsql and the product's own
/// <see cref="EventBookingMetrics"/>), and traces exported over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set
/// (ASP.NET Core, Npgsql and the MediatR pipeline). Without an endpoint no trace is recorded: the hot path pays nothing.
/// </summary>
internal static class Telemetry
{
    public const string ServiceName = "eventbooking";

    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<MetricsOptions>()
            .BindSection(MetricsOptions.SectionName)
            .Validate(o => o.Path.StartsWith('/'), "Metrics__Path must start with '/'.")
            .Validate(o => o.Port is null or > 0 and < 65536, "Metrics__Port must be a TCP port (1-65535).")
            .Validate(o => IpLists.Networks(o.AllowedNetworks) is not null, "Metrics__AllowedNetworks must be CIDR networks, comma-separated (e.g. 10.0.0.0/8).")
            .ValidateOnStart();

        var metrics = builder.Configuration.GetSettings<MetricsOptions>(MetricsOptions.SectionName);
        var otlpEndpoint = builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        var otel = builder.Services.AddOpenTelemetry().ConfigureResource(resource => resource.AddService(ServiceName));
        if (metrics.Enabled)
        {
            // The request, connection, runtime and database meters only: AddAspNetCoreInstrumentation() would also
            // turn on routing, authentication, diagnostics and rate-limiting meters, each one more measurement per
            // request (docs/performance.md has the A/B numbers).
            otel.WithMetrics(meters => meters
                .AddRuntimeInstrumentation()
                .AddMeter(
                    "Microsoft.AspNetCore.Hosting",
                    "Microsoft.AspNetCore.Server.Kestrel",
                    "Microsoft.AspNetCore.Http.Connections",
                    "Npgsql",
                    EventBookingMetrics.MeterName)
                .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));
        }

        if (!string.IsNullOrWhiteSpace(otlpEndpoint))
        {
            // Not the scrape endpoint, and not the start-up warm-up's requests to itself (docs/adr/0024).
            builder.Services.AddOptions<AspNetCoreTraceInstrumentationOptions>().Configure<WarmUpGate>((o, warmUp) =>
                o.Filter = http => !http.Request.Path.StartsWithSegments(metrics.Path) && !warmUp.Carries(http));
            otel.WithTracing(traces => traces
                .AddAspNetCoreInstrumentation()
                .AddSource("Npgsql", EventBookingTracing.SourceName)
                .AddOtlpExporter());
        }

        return builder;
    }

    /// <summary>Maps the scrape endpoint, restricted to <see cref="MetricsOptions.Port"/> and networks when configured.</summary>
    public static WebApplication MapTelemetry(this WebApplication app, MetricsOptions options)
    {
        if (!options.Enabled)
        {
            return app;
        }

        var networks = IpLists.Networks(options.AllowedNetworks) ?? [];
        app.UseWhen(
            http => http.Request.Path.StartsWithSegments(options.Path),
            branch => branch.Use((http, next) =>
            {
                var allowedPort = options.Port is not { } port || http.Connection.LocalPort == port;
                var allowedNetwork = networks.Count == 0
                    || (http.Connection.RemoteIpAddress is { } remote && networks.Any(n => n.Contains(remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote)));
                if (allowedPort && allowedNetwork)
                {
                    return next(http);
                }

                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }));
        app.MapPrometheusScrapingEndpoint(options.Path).DisableRateLimiting();
        return app;
    }
}
