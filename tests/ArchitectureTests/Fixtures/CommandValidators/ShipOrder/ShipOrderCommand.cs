using MediatR;

namespace EventBooking.ArchitectureTests.Fixtures.CommandValidators.ShipOrder;

/// <summary>Planted violation: a command with no validator at all.</summary>
internal sealed record ShipOrderCommand(int OrderId) : IRequest<Unit>;
