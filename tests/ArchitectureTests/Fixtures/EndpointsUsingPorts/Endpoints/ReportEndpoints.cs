using EventBooking.Application.Events;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EventBooking.ArchitectureTests.Fixtures.EndpointsUsingPorts.Endpoints;

/// <summary>Planted violation: a lambda endpoint that reads through a read service instead of sending a query.</summary>
internal static class ReportEndpoints
{
    public static IEndpointRouteBuilder MapReportEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/reports/{id}", async (int id, IEventReadService reads, CancellationToken cancellationToken) =>
            await reads.GetAsync(id, includeCreatorEmail: true, cancellationToken) is { } found ? Results.Ok(found) : Results.NotFound());
        return app;
    }
}
