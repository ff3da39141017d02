using System.Reflection;
using System.Runtime.CompilerServices;

namespace EventBooking.ArchitectureTests.Rules;

/// <summary>The types a developer wrote, found by reflection, so nested types count too.</summary>
internal static class SourceTypes
{
    /// <summary>
    /// Types in <paramref name="namespacePrefix"/> or below (by whole segments), nested ones included;
    /// closures, async state machines and other compiler-generated types left out.
    /// </summary>
    public static IReadOnlyList<Type> InNamespace(Assembly assembly, string namespacePrefix) =>
        InAssembly(assembly)
            .Where(type => type.Namespace is { } name && NameMatching.IsNameOrChildOf(name, namespacePrefix))
            .ToList();

    public static IReadOnlyList<Type> InAssembly(Assembly assembly) =>
        assembly.GetTypes()
            .Where(type => !IsCompilerGenerated(type))
            .OrderBy(NameOf, StringComparer.Ordinal)
            .ToList();

    public static string NameOf(Type type) => type.FullName ?? type.Name;

    /// <summary><c>CreateEventCommand</c> for <c>CreateEventCommand</c>, <c>Batch</c> for <c>Batch`1</c>.</summary>
    public static string SimpleName(Type type)
    {
        var arity = type.Name.IndexOf('`', StringComparison.Ordinal);
        return arity < 0 ? type.Name : type.Name[..arity];
    }

    private static bool IsCompilerGenerated(Type type)
    {
        for (Type? current = type; current is not null; current = current.DeclaringType)
        {
            if (current.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false)
                || current.Name.Contains('<', StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
