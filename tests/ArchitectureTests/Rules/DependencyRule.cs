using System.Reflection;

namespace EventBooking.ArchitectureTests.Rules;

/// <summary>
/// A type-level rule: no type in the checked scope may use a type from a forbidden namespace, or a
/// type whose name matches a forbidden pattern (in a signature, a field, a base type, an attribute or
/// a method body, including the closures and state machines the compiler nests inside it).
/// </summary>
/// <param name="Name">What the rule protects, e.g. "Domain"; it starts every failure message.</param>
/// <param name="ForbiddenNamespaces">Matched by whole segments: "Npgsql" also forbids "Npgsql.Internal".</param>
public sealed record DependencyRule(string Name, IReadOnlyList<string> ForbiddenNamespaces)
{
    /// <summary>
    /// Simple type names, whatever their namespace, with <c>*</c> for any run of characters:
    /// <c>*Repository</c>, <c>I*ReadService</c>. Generic arity is ignored.
    /// </summary>
    public IReadOnlyList<string> ForbiddenTypeNames { get; init; } = [];

    public RuleResult Check(Assembly assembly, string namespacePrefix) => Check(assembly, TypeScope.InNamespace(namespacePrefix));

    public RuleResult Check(Assembly assembly, TypeScope scope)
    {
        var checkedTypes = scope.TypesIn(assembly).Select(type => type.FullName ?? type.Name).ToList();

        // A type can only depend on a type its assembly defines or references, so the name patterns
        // become exact full names here; NetArchTest then finds each use.
        string[] forbidden = [.. ForbiddenNamespaces, .. ForbiddenTypesKnownTo(assembly)];

        // One query per forbidden name, so each message says which dependency is the problem.
        var violations = forbidden
            .SelectMany(name =>
                (scope.Select(assembly)
                    .ShouldNot().HaveDependencyOn(name)
                    .GetResult()
                    .FailingTypeNames ?? [])
                .Select(type => $"{type} -> {name}"))
            .Concat(CaughtForbiddenTypes(
                CompiledCode.TopLevelTypes(assembly).Where(type => checkedTypes.Contains(CompiledCode.NameOf(type), StringComparer.Ordinal)),
                forbidden))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();

        return new RuleResult(checkedTypes, violations);
    }

    /// <summary>For failure messages: every forbidden namespace and type-name pattern.</summary>
    public string DescribeForbidden() =>
        ForbiddenTypeNames.Count == 0
            ? string.Join(", ", ForbiddenNamespaces)
            : $"{string.Join(", ", ForbiddenNamespaces)}, or types named {string.Join(", ", ForbiddenTypeNames)}";

    /// <summary>
    /// NetArchTest does not look at the type of a <c>catch (T)</c> clause; a type that catches
    /// <c>NpgsqlException</c> depends on Npgsql all the same.
    /// </summary>
    private static IEnumerable<string> CaughtForbiddenTypes(IEnumerable<Mono.Cecil.TypeDefinition> types, string[] forbidden) =>
        from type in types
        from caught in CompiledCode.CaughtTypes(type)
        let caughtName = CompiledCode.NameOf(caught)
        from name in forbidden
        where NameMatching.IsNameOrChildOf(caughtName, name) || caughtName.StartsWith(name + "/", StringComparison.Ordinal)
        select $"{CompiledCode.NameOf(type)} -> {name}";

    private IEnumerable<string> ForbiddenTypesKnownTo(Assembly assembly) =>
        ForbiddenTypeNames.Count == 0
            ? []
            : AssemblyTypeNames.DefinedOrReferencedBy(assembly)
                .Where(fullName => ForbiddenTypeNames.Any(pattern =>
                    NameMatching.MatchesWildcard(AssemblyTypeNames.SimpleName(fullName), pattern)));
}
