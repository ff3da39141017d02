using MediatR;

namespace EventBooking.ArchitectureTests.Fixtures.MisnamedRequests;

/// <summary>Planted violation: a request whose name does not say whether it changes anything.</summary>
internal sealed record ReopenOrder(int OrderId) : IRequest<Unit>;
