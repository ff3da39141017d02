using MediatR;

namespace EventBooking.ArchitectureTests.Fixtures.CommandValidators.RefundOrder;

/// <summary>Planted violation: a command with two validators, so its rules are split across files.</summary>
internal sealed record RefundOrderCommand(int OrderId, decimal Amount) : IRequest<Unit>;
