using Mono.Cecil;
using NetArchTest.Rules;

namespace EventBooking.ArchitectureTests.Rules;

/// <summary>
/// Where a layer is wired: the only types that may build or read the DI container and name the
/// concrete infrastructure. A composition-root type sits directly in the layer's root namespace (or,
/// for <c>Program</c>, in the global namespace), so a <c>DependencyInjection</c> class hidden in a
/// sub-folder does not count. Closures and state machines the compiler nests in it count as its own.
/// </summary>
public static class CompositionRoot
{
    /// <summary>Simple names of the composition-root types, in any layer.</summary>
    public static IReadOnlyList<string> TypeNames { get; } = ["DependencyInjection", "Program", "DatabaseCommands", "HostingExtensions"];

    /// <summary>The types under <paramref name="rootNamespace"/> that are not its composition root.</summary>
    public static TypeScope Outside(string rootNamespace) =>
        TypeScope.InNamespaceExcept(rootNamespace, $"outside the composition root ({Describe(rootNamespace)})", new NotInCompositionRoot(rootNamespace));

    /// <summary>
    /// The types under <paramref name="rootNamespace"/>, but not in <paramref name="excludedNamespace"/>
    /// and not the composition root.
    /// </summary>
    public static TypeScope Outside(string rootNamespace, string excludedNamespace) =>
        TypeScope.InNamespaceExcept(
            rootNamespace,
            $"outside {excludedNamespace} and the composition root ({Describe(rootNamespace)})",
            new NotInCompositionRoot(rootNamespace, excludedNamespace));

    /// <summary><paramref name="type"/>, or the top-level type the compiler nested it in, is a composition-root type of <paramref name="rootNamespace"/>.</summary>
    public static bool Contains(TypeDefinition type, string rootNamespace)
    {
        var topLevel = TopLevel(type);
        return TypeNames.Contains(topLevel.Name, StringComparer.Ordinal)
            && (string.Equals(topLevel.Namespace, rootNamespace, StringComparison.Ordinal)
                || (topLevel.Namespace.Length == 0 && topLevel.Name == "Program"));
    }

    public static TypeDefinition TopLevel(TypeDefinition type)
    {
        var current = type;
        while (current.DeclaringType is not null)
        {
            current = current.DeclaringType;
        }

        return current;
    }

    public static string Describe(string rootNamespace) =>
        $"Program and {string.Join(", ", TypeNames.Where(name => name != "Program").Select(name => $"{rootNamespace}.{name}"))}";

    private sealed class NotInCompositionRoot(string rootNamespace, string? excludedNamespace = null) : ICustomRule
    {
        public bool MeetsRule(TypeDefinition type) =>
            !Contains(type, rootNamespace)
            && (excludedNamespace is null || !NameMatching.IsNameOrChildOf(TopLevel(type).Namespace, excludedNamespace));
    }
}
