using EventBooking.Application.Events.Queries.GetEvent;
using MediatR;
using Microsoft.AspNetCore.Http;

namespace EventBooking.ArchitectureTests.Fixtures.EndpointsUsingPorts.Endpoints;

/// <summary>Control: sends a query through IMediator, so the rule must not report it.</summary>
internal static class DispatchingEndpoints
{
    public static async Task<IResult> Get(int id, IMediator mediator, CancellationToken cancellationToken) =>
        await mediator.Send(new GetEventQuery(id), cancellationToken) is { IsSuccess: true } found
            ? Results.Ok(found.Value)
            : Results.NotFound();
}
