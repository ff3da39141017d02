using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EventBooking.WebApi.Endpoints;

internal static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        // Liveness as the old server answered it: 200 text/plain "OK".
        app.MapGet("/", Liveness).ExcludeFromDescription().DisableRateLimiting();

        // The process is up (no dependency checked).
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteStatusAsync })
            .DisableRateLimiting();

        // Ready to serve: PostgreSQL answers. 503 while it does not.
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(Infrastructure.DependencyInjection.ReadyTag),
            ResponseWriter = WriteStatusAsync,
        }).DisableRateLimiting();

        return app;
    }

    private static IResult Liveness() => Results.Text("OK", "text/plain");

    private static Task WriteStatusAsync(HttpContext context, HealthReport report) =>
        context.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status.ToString()),
        });
}
