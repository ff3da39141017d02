using System.Reflection;

namespace EventBooking.ArchitectureTests.Rules;

/// <summary>
/// Rules on the assembly references the compiler wrote into a built assembly: whatever the source
/// or the csproj says, these are what the layer actually needs at run time.
/// </summary>
public static class AssemblyReferenceRules
{
    /// <summary>
    /// References outside the base class library (System, System.*, netstandard, mscorlib). Microsoft.CSharp
    /// is deliberately not in the list: a reference to it means <c>dynamic</c> is in use.
    /// </summary>
    public static IReadOnlyList<string> FindReferencesOutsideBaseClassLibrary(IEnumerable<AssemblyName> references) =>
        references
            .Select(reference => reference.Name ?? reference.FullName)
            .Where(name => !NameMatching.IsNameOrChildOfAny(name, ["System", "netstandard", "mscorlib"]))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>References whose name is, or starts with, one of <paramref name="forbiddenPrefixes"/>.</summary>
    public static IReadOnlyList<string> FindForbiddenReferences(
        IEnumerable<AssemblyName> references, IEnumerable<string> forbiddenPrefixes)
    {
        var prefixes = forbiddenPrefixes.ToList();
        return references
            .Select(reference => reference.Name ?? reference.FullName)
            .Where(name => NameMatching.IsNameOrChildOfAny(name, prefixes))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>References whose name matches none of <paramref name="allowedPatterns"/> (<c>*</c> for any run of characters).</summary>
    public static IReadOnlyList<string> FindReferencesOutsideAllowList(
        IEnumerable<AssemblyName> references, IReadOnlyList<string> allowedPatterns) =>
        references
            .Select(reference => reference.Name ?? reference.FullName)
            .Where(name => !allowedPatterns.Any(pattern => NameMatching.MatchesWildcard(name, pattern)))
            .Order(StringComparer.Ordinal)
            .ToList();
}
