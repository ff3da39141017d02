using MediatR;

namespace EventBooking.ArchitectureTests.Fixtures.CommandValidators.PlaceOrder;

/// <summary>Control: one validator, in the same folder, so the rule must not report it.</summary>
internal sealed record PlaceOrderCommand(int ProductId, int Quantity) : IRequest<Unit>;
