namespace EventBooking.ArchitectureTests.Fixtures.MisnamedRequests;

/// <summary>Planted violation: named like a command, but MediatR cannot send it.</summary>
internal sealed record ArchiveOrderCommand(int OrderId);
