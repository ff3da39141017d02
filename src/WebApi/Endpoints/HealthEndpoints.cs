using EventBooking.WebApi.Contracts.Health;
using EventBooking.WebApi.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EventBooking.WebApi.Endpoints;

/// <summary>
/// The probes, as ordinary endpoints so the OpenAPI document describes them: <c>{status, checks}</c>, no envelope,
/// never cached, never rate limited.
/// </summary>
internal static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        var health = app.MapGroup(string.Empty).WithTags("Health").DisableRateLimiting();

        // Liveness as the old server answered it: 200 text/plain "OK".
        Probe(
            health,
            "/",
            "Root",
            "Liveness as the replaced server answered it: 200 text/plain OK",
            () => Results.Text("OK", "text/plain"),
            probe => probe.Produces<string>(StatusCodes.Status200OK, "text/plain"));

        Probe(
            health,
            "/health/live",
            "Liveness",
            "The process is up (no dependency is checked)",
            (HealthCheckService checks, HttpContext context, CancellationToken cancellationToken) =>
                ReportAsync(checks, _ => false, warmUp: null, context, cancellationToken),
            probe => probe.Produces<HealthResponse>());

        Probe(
            health,
            "/health/ready",
            "Readiness",
            "Ready to serve: PostgreSQL answers and the start-up warm-up is done; 503 while either is not",
            (HealthCheckService checks, WarmUpGate warmUp, HttpContext context, CancellationToken cancellationToken) =>
                ReportAsync(checks, check => check.Tags.Contains(Infrastructure.DependencyInjection.ReadyTag), warmUp, context, cancellationToken),
            probe => probe.Produces<HealthResponse>().Produces<HealthResponse>(StatusCodes.Status503ServiceUnavailable));

        return app;
    }

    /// <summary>
    /// A probe answers GET and HEAD alike (load balancers and uptime checkers often send HEAD); the server leaves out
    /// the body of a HEAD answer. Each method is its own operation in the OpenAPI document, described alike.
    /// </summary>
    private static void Probe(RouteGroupBuilder health, string path, string name, string summary, Delegate handler, Action<RouteHandlerBuilder> describe)
    {
        describe(health.MapGet(path, handler).WithName(name).WithSummary(summary));
        describe(health.MapMethods(path, [HttpMethods.Head], handler).WithName(name + "Head").WithSummary(summary + " (HEAD: status and headers only)"));
    }

    /// <summary>
    /// The checks' report; for readiness also <c>"warm-up"</c> (docs/adr/0024), which is a state rather than a health
    /// check: a health check's Unhealthy is logged as an error on every probe, and warming up is no error.
    /// </summary>
    private static async Task<IResult> ReportAsync(
        HealthCheckService checks,
        Func<HealthCheckRegistration, bool> predicate,
        WarmUpGate? warmUp,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        var report = await checks.CheckHealthAsync(predicate, cancellationToken);
        var entries = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status.ToString());
        var status = report.Status;
        if (warmUp is not null)
        {
            var warm = warmUp.IsComplete;
            entries["warm-up"] = (warm ? HealthStatus.Healthy : HealthStatus.Unhealthy).ToString();
            status = warm ? status : HealthStatus.Unhealthy;
        }

        context.Response.Headers.CacheControl = "no-store, no-cache";
        return Results.Json(
            new HealthResponse(status.ToString(), entries),
            statusCode: status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK);
    }
}

