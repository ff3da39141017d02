using MediatR;

namespace EventBooking.ArchitectureTests.Fixtures.MisnamedRequests;

/// <summary>Control: a request named as a command, so the rule must not report it.</summary>
internal sealed record CloseOrderCommand(int OrderId) : IRequest<Unit>;
