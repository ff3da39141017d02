using System.Reflection;
using NetArchTest.Rules;

namespace EventBooking.ArchitectureTests.Rules;

/// <summary>
/// A type-level rule: no type in the checked namespace may use a type from a forbidden namespace
/// (in a signature, a field, a base type, an attribute or a method body).
/// </summary>
/// <param name="Name">What the rule protects, e.g. "Domain"; it starts every failure message.</param>
/// <param name="ForbiddenNamespaces">Matched by whole segments: "Npgsql" also forbids "Npgsql.Internal".</param>
public sealed record DependencyRule(string Name, IReadOnlyList<string> ForbiddenNamespaces)
{
    public DependencyRuleResult Check(Assembly assembly, string namespacePrefix)
    {
        var checkedTypes = Types.InAssembly(assembly)
            .That().ResideInNamespace(namespacePrefix)
            .GetTypes()
            .Select(type => type.FullName ?? type.Name)
            .ToList();

        // One query per forbidden namespace, so each message says which dependency is the problem.
        var violations = ForbiddenNamespaces
            .SelectMany(forbidden =>
                (Types.InAssembly(assembly)
                    .That().ResideInNamespace(namespacePrefix)
                    .ShouldNot().HaveDependencyOn(forbidden)
                    .GetResult()
                    .FailingTypeNames ?? [])
                .Select(type => $"{type} -> {forbidden}"))
            .Order(StringComparer.Ordinal)
            .ToList();

        return new DependencyRuleResult(checkedTypes, violations);
    }
}
