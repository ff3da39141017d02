namespace EventBooking.ArchitectureTests.Rules;

/// <param name="CheckedTypes">The types the rule looked at; empty means the rule proved nothing.</param>
/// <param name="Violations">One <c>Type -> forbidden namespace</c> line per offending dependency.</param>
public sealed record DependencyRuleResult(IReadOnlyList<string> CheckedTypes, IReadOnlyList<string> Violations);
