using MediatR;

namespace EventBooking.ArchitectureTests.Fixtures.DispatchingWebApi.Realtime;

/// <summary>Control: dispatches through MediatR only.</summary>
internal sealed class CleanHub(IMediator mediator)
{
    public Task<TResponse> SendAsync<TResponse>(IRequest<TResponse> request) => mediator.Send(request);
}
