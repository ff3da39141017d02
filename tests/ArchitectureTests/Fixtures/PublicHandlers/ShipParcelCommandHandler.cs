using MediatR;

namespace EventBooking.ArchitectureTests.Fixtures.PublicHandlers;

/// <summary>Planted violation: a public request handler.</summary>
public sealed class ShipParcelCommandHandler : IRequestHandler<ShipParcelCommand, Unit>
{
    public Task<Unit> Handle(ShipParcelCommand request, CancellationToken cancellationToken) => Task.FromResult(Unit.Value);
}
