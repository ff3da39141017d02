using MediatR;

namespace EventBooking.ArchitectureTests.Fixtures.CommandValidators.CancelOrder;

/// <summary>Planted violation: its one validator lives in a shared Validators folder, not beside it.</summary>
internal sealed record CancelOrderCommand(int OrderId) : IRequest<Unit>;
