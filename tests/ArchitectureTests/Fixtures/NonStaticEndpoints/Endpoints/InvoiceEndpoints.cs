using EventBooking.Application.Events.Queries.GetEvent;
using MediatR;
using Microsoft.AspNetCore.Http;

namespace EventBooking.ArchitectureTests.Fixtures.NonStaticEndpoints.Endpoints;

/// <summary>Planted violation: an endpoint class made an instance to take IMediator in its constructor.</summary>
internal sealed class InvoiceEndpoints(IMediator mediator)
{
    public async Task<IResult> Get(int id, CancellationToken cancellationToken) =>
        await mediator.Send(new GetEventQuery(id), cancellationToken) is { IsSuccess: true } found
            ? Results.Ok(found.Value)
            : Results.NotFound();
}
