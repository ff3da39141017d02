namespace EventBooking.ArchitectureTests.Support;

/// <summary>Finds the repository's project files from wherever the test run happens to execute.</summary>
public static class SolutionFiles
{
    public const string SolutionFileName = "EventBooking.sln";

    private static readonly Lazy<string> Root = new(FindRootDirectory);

    /// <summary>The folder that holds <see cref="SolutionFileName"/>.</summary>
    public static string RootDirectory => Root.Value;

    public static string SourceDirectory => Path.Combine(RootDirectory, "src");

    /// <summary><c>src/{folder}/EventBooking.{folder}.csproj</c>.</summary>
    public static string SourceProjectPath(string folder) =>
        Path.Combine(SourceDirectory, folder, $"{Layers.AssemblyNamePrefix}{folder}.csproj");

    public static ProjectFile LoadSourceProject(string folder) => ProjectFile.Load(SourceProjectPath(folder));

    /// <summary>Every folder under <c>src/</c> that holds a project file, whatever it is called.</summary>
    public static IReadOnlyList<string> SourceProjectFolders() =>
        Directory.GetDirectories(SourceDirectory)
            .Where(folder => Directory.EnumerateFiles(folder, "*.csproj").Any())
            .Select(folder => Path.GetFileName(folder))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// The Directory.Build.props/.targets and Directory.Packages.props files MSBuild may import into a
    /// source project: items there (a PackageReference, a GlobalPackageReference) reach the project too.
    /// </summary>
    public static IReadOnlyList<ProjectFile> BuildFilesImportedBy(string folder)
    {
        string[] names = ["Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props"];
        var files = new List<ProjectFile>();
        for (var directory = new DirectoryInfo(Path.Combine(SourceDirectory, folder));
             directory is not null;
             directory = directory.Parent)
        {
            files.AddRange(names
                .Select(name => Path.Combine(directory.FullName, name))
                .Where(File.Exists)
                .Select(ProjectFile.Load));

            if (string.Equals(directory.FullName, RootDirectory, StringComparison.Ordinal))
            {
                break;
            }
        }

        return files;
    }

    private static string FindRootDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, SolutionFileName)))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException(
            $"No {SolutionFileName} found in {AppContext.BaseDirectory} or any folder above it; "
            + "the csproj-level architecture tests read the project files from the repository.");
    }
}
