using MediatR;

namespace EventBooking.ArchitectureTests.Fixtures.CommandValidators.GetOrder;

/// <summary>Control: queries need no validator, so the rule must not report it.</summary>
internal sealed record GetOrderQuery(int OrderId) : IRequest<string>;
