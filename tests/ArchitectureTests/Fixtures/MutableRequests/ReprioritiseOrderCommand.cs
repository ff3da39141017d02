using MediatR;

namespace EventBooking.ArchitectureTests.Fixtures.MutableRequests;

/// <summary>Planted violation: a record that can still change after it was sent.</summary>
internal sealed record ReprioritiseOrderCommand(int OrderId) : IRequest<Unit>
{
    private int _attempts;

    public int Priority { get; set; }

    public string Note { get; private set; } = string.Empty;

    public int CountAttempt() => ++_attempts;
}
