using EventBooking.WebApi.Contracts.Health;
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
        health.MapGet("/", () => Results.Text("OK", "text/plain"))
            .WithName("Root")
            .WithSummary("Liveness as the replaced server answered it: 200 text/plain OK")
            .Produces<string>(StatusCodes.Status200OK, "text/plain");

        health.MapGet("/health/live", (HealthCheckService checks, HttpContext context, CancellationToken cancellationToken) =>
                ReportAsync(checks, _ => false, context, cancellationToken))
            .WithName("Liveness")
            .WithSummary("The process is up (no dependency is checked)")
            .Produces<HealthResponse>();

        health.MapGet("/health/ready", (HealthCheckService checks, HttpContext context, CancellationToken cancellationToken) =>
                ReportAsync(checks, check => check.Tags.Contains(Infrastructure.DependencyInjection.ReadyTag), context, cancellationToken))
            .WithName("Readiness")
            .WithSummary("Ready to serve: PostgreSQL answers; 503 while it does not")
            .Produces<HealthResponse>()
            .Produces<HealthResponse>(StatusCodes.Status503ServiceUnavailable);

        return app;
    }

    private static async Task<IResult> ReportAsync(
        HealthCheckService checks, Func<HealthCheckRegistration, bool> predicate, HttpContext context, CancellationToken cancellationToken)
    {
        var report = await checks.CheckHealthAsync(predicate, cancellationToken);
        context.Response.Headers.CacheControl = "no-store, no-cache";
        return Results.Json(
            new HealthResponse(report.Status.ToString(), report.Entries.ToDictionary(e => e.Key, e => e.Value.Status.ToString())),
            statusCode: report.Status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK);
    }
}

