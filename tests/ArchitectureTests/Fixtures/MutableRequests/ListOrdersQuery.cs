using MediatR;

namespace EventBooking.ArchitectureTests.Fixtures.MutableRequests;

/// <summary>Control: a positional record with an init-only property, so the rule must not report it.</summary>
internal sealed record ListOrdersQuery(int Limit, int Offset) : IRequest<IReadOnlyList<int>>
{
    public string? Search { get; init; }
}
