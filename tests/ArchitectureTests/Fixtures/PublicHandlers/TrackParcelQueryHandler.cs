using MediatR;

namespace EventBooking.ArchitectureTests.Fixtures.PublicHandlers;

/// <summary>Control: an internal handler, so the rule must not report it.</summary>
internal sealed class TrackParcelQueryHandler : IRequestHandler<TrackParcelQuery, string>
{
    public Task<string> Handle(TrackParcelQuery request, CancellationToken cancellationToken) => Task.FromResult(request.TrackingCode);
}
