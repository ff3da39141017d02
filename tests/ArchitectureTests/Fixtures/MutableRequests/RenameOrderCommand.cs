using MediatR;

namespace EventBooking.ArchitectureTests.Fixtures.MutableRequests;

/// <summary>Planted violation: a class, not a record, with a settable property.</summary>
internal sealed class RenameOrderCommand : IRequest<Unit>
{
    public string Name { get; set; } = string.Empty;
}
