namespace EventBooking.ArchitectureTests.Rules;

/// <param name="CheckedTypes">The types the rule looked at; empty means the rule proved nothing.</param>
/// <param name="Violations">One readable line per offence, e.g. <c>Type -> forbidden namespace</c>.</param>
public sealed record RuleResult(IReadOnlyList<string> CheckedTypes, IReadOnlyList<string> Violations);
