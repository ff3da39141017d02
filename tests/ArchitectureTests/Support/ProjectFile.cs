using System.Xml.Linq;

namespace EventBooking.ArchitectureTests.Support;

/// <summary>
/// The parts of an MSBuild file (a .csproj or a Directory.*.props) that the layer rules look at,
/// read from disk or from an in-memory string so that a rule can be shown a deliberate violation.
/// </summary>
public sealed class ProjectFile
{
    /// <summary>The SDK that adds the ASP.NET Core shared framework without any FrameworkReference in the file.</summary>
    public const string WebSdk = "Microsoft.NET.Sdk.Web";

    private readonly XDocument _document;

    private ProjectFile(string fileName, XDocument document)
    {
        FileName = fileName;
        _document = document;
    }

    /// <summary>The file name, e.g. <c>EventBooking.Domain.csproj</c>.</summary>
    public string FileName { get; }

    public string? Sdk => _document.Root?.Attribute("Sdk")?.Value;

    /// <summary>Referenced projects by file name without extension, e.g. <c>EventBooking.Domain</c>.</summary>
    public IReadOnlyList<string> ProjectReferences =>
        Items("ProjectReference").Select(ProjectNameFromPath).ToList();

    /// <summary>Referenced projects as written, e.g. <c>..\Domain\EventBooking.Domain.csproj</c>.</summary>
    public IReadOnlyList<string> ProjectReferencePaths => Items("ProjectReference");

    /// <summary>PackageReference and GlobalPackageReference items.</summary>
    public IReadOnlyList<string> PackageReferences =>
        [.. Items("PackageReference"), .. Items("GlobalPackageReference")];

    /// <summary>FrameworkReference items, plus the ASP.NET Core framework that the web SDK brings implicitly.</summary>
    public IReadOnlyList<string> FrameworkReferences =>
        string.Equals(Sdk, WebSdk, StringComparison.OrdinalIgnoreCase)
            ? [.. Items("FrameworkReference"), "Microsoft.AspNetCore.App (implicit in " + WebSdk + ")"]
            : Items("FrameworkReference");

    /// <summary>The last value the file gives a property, or null when it does not set it.</summary>
    public string? Property(string name) =>
        _document.Descendants()
            .Where(element => element.Name.LocalName == name && element.Parent?.Name.LocalName == "PropertyGroup")
            .Select(element => element.Value.Trim())
            .LastOrDefault();

    public static ProjectFile Load(string path) => new(Path.GetFileName(path), XDocument.Load(path));

    public static ProjectFile Parse(string fileName, string xml) => new(fileName, XDocument.Parse(xml));

    /// <summary>Project name from a reference path in either separator style.</summary>
    public static string ProjectNameFromPath(string path) =>
        Path.GetFileNameWithoutExtension(path.Replace('\\', '/').Split('/')[^1]);

    // Items whatever their Condition: a conditional reference still breaks the rule in some build.
    // Only Include adds an item; Update and Remove change items that some other file added.
    private List<string> Items(string itemType) =>
        _document.Descendants()
            .Where(element => element.Name.LocalName == itemType)
            .Select(element => element.Attribute("Include")?.Value)
            .OfType<string>()
            .SelectMany(include => include.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToList();
}
