using EventBooking.ArchitectureTests.Support;

namespace EventBooking.ArchitectureTests.Rules;

/// <summary>
/// Layer rules at csproj level. Each check returns one readable line per violation (empty when the
/// file obeys the rule), so the same check runs on the real files and on planted violations.
/// </summary>
public static class ProjectFileRules
{
    /// <summary>Every project, package and framework reference: for a layer that may have none.</summary>
    public static IReadOnlyList<string> FindAnyReferences(ProjectFile project) =>
    [
        .. project.ProjectReferences.Select(name => $"{project.FileName} has a ProjectReference to {name}"),
        .. project.PackageReferences.Select(name => $"{project.FileName} has a PackageReference to {name}"),
        .. project.FrameworkReferences.Select(name => $"{project.FileName} has a FrameworkReference to {name}"),
    ];

    /// <summary>Project references to anything not in <paramref name="allowed"/> (project names, e.g. <c>EventBooking.Domain</c>).</summary>
    public static IReadOnlyList<string> FindDisallowedProjectReferences(ProjectFile project, params string[] allowed) =>
        project.ProjectReferences
            .Where(name => !allowed.Contains(name, StringComparer.OrdinalIgnoreCase))
            .Select(name => $"{project.FileName} references {name}; it may reference only {Describe(allowed)}")
            .ToList();

    /// <summary>Projects in <paramref name="required"/> that the file does not reference.</summary>
    public static IReadOnlyList<string> FindMissingProjectReferences(ProjectFile project, params string[] required) =>
        required
            .Where(name => !project.ProjectReferences.Contains(name, StringComparer.OrdinalIgnoreCase))
            .Select(name => $"{project.FileName} does not reference {name}")
            .ToList();

    /// <summary>Package and framework references whose name starts with one of <paramref name="forbiddenPrefixes"/>.</summary>
    public static IReadOnlyList<string> FindForbiddenPackages(ProjectFile project, params string[] forbiddenPrefixes) =>
    [
        .. project.PackageReferences
            .Where(name => NameMatching.IsNameOrChildOfAny(name, forbiddenPrefixes))
            .Select(name => $"{project.FileName} has a PackageReference to {name}"),
        .. project.FrameworkReferences
            .Where(name => NameMatching.IsNameOrChildOfAny(name, forbiddenPrefixes))
            .Select(name => $"{project.FileName} has a FrameworkReference to {name}"),
    ];

    /// <summary>
    /// Package references not named in <paramref name="allowed"/>, and every framework reference (an
    /// allow-list of packages leaves no room for a whole shared framework).
    /// </summary>
    public static IReadOnlyList<string> FindPackagesOutsideAllowList(ProjectFile project, IReadOnlyList<string> allowed) =>
    [
        .. project.PackageReferences
            .Where(name => !allowed.Contains(name, StringComparer.OrdinalIgnoreCase))
            .Select(name => $"{project.FileName} has a PackageReference to {name}, which is not on the allow-list"),
        .. project.FrameworkReferences
            .Select(name => $"{project.FileName} has a FrameworkReference to {name}, which is not on the allow-list"),
    ];

    /// <summary>Project references that point into <c>tests/</c> or at a test project.</summary>
    public static IReadOnlyList<string> FindTestProjectReferences(ProjectFile project) =>
        project.ProjectReferencePaths
            .Where(path =>
                path.Split('/', '\\').Contains("tests", StringComparer.OrdinalIgnoreCase)
                || ProjectFile.ProjectNameFromPath(path).EndsWith("Tests", StringComparison.OrdinalIgnoreCase))
            .Select(path => $"{project.FileName} references the test project {path}")
            .ToList();

    /// <summary>The file must be <c>{expected}.csproj</c> and must not rename its assembly to anything else.</summary>
    public static IReadOnlyList<string> FindAssemblyNameMismatches(ProjectFile project, string expected)
    {
        var violations = new List<string>();
        if (!string.Equals(project.FileName, $"{expected}.csproj", StringComparison.Ordinal))
        {
            violations.Add($"{project.FileName} should be named {expected}.csproj");
        }

        var assemblyName = project.Property("AssemblyName");
        if (assemblyName is not null && !string.Equals(assemblyName, expected, StringComparison.Ordinal))
        {
            violations.Add($"{project.FileName} sets AssemblyName to '{assemblyName}'; it should be {expected}");
        }

        return violations;
    }

    private static string Describe(string[] names) => names.Length == 0 ? "nothing" : string.Join(" and ", names);
}
