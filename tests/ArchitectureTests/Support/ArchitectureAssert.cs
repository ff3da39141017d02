using EventBooking.ArchitectureTests.Rules;

namespace EventBooking.ArchitectureTests.Support;

/// <summary>Assertions whose failure messages list every offender, so the fix is obvious from the test output.</summary>
public static class ArchitectureAssert
{
    public static void RuleHolds(DependencyRule rule, RuleResult result, string scope) =>
        RuleHolds($"{rule.Name} ({scope}) must not depend on {rule.DescribeForbidden()}.", result, scope);

    /// <summary>The rule looked at some types (it is not vacuous), and none of them breaks it.</summary>
    /// <param name="rule">The rule as a sentence; it starts the failure message.</param>
    public static void RuleHolds(string rule, RuleResult result, string scope)
    {
        Assert.True(
            result.CheckedTypes.Count > 0,
            $"The rule \"{rule}\" found no types to check in {scope}, so it would pass without checking anything: "
            + "the assembly or namespace it is pointed at is wrong.");

        NoViolations(rule, result.Violations);
    }

    public static void NoViolations(string rule, IReadOnlyCollection<string> violations)
    {
        if (violations.Count > 0)
        {
            Assert.Fail($"{rule}{Environment.NewLine}Violations:{Indent}{string.Join(Indent, violations)}");
        }
    }

    /// <summary>For the planted-violation tests: every expected offender is reported, and nothing else.</summary>
    public static void ReportsExactly(IEnumerable<string> expected, IEnumerable<string> actual)
    {
        var expectedLines = Lines(expected);
        var actualLines = Lines(actual);
        Assert.True(
            string.Equals(expectedLines, actualLines, StringComparison.Ordinal),
            $"Expected the rule to report:{Indent}{expectedLines}{Environment.NewLine}but it reported:{Indent}{actualLines}");
    }

    private static string Indent => Environment.NewLine + "  ";

    private static string Lines(IEnumerable<string> values) =>
        string.Join(Indent, values.Order(StringComparer.Ordinal));
}
