using EventBooking.ArchitectureTests.Rules;
using EventBooking.ArchitectureTests.Support;

namespace EventBooking.ArchitectureTests;

/// <summary>
/// Layer rules at csproj level, read from the files in the repository. Each rule is also run on an
/// in-memory project file with a deliberate violation, to show it can fail.
/// </summary>
public class ProjectFileTests
{
    private const string Domain = "EventBooking.Domain";
    private const string Application = "EventBooking.Application";
    private const string Infrastructure = "EventBooking.Infrastructure";

    [Fact]
    public void SourceFolder_ShouldHoldExactlyTheFourLayers()
    {
        // A fifth project would have no layer rules below; add them here before adding it.
        Assert.Equal(Layers.Names.Order(StringComparer.Ordinal), SolutionFiles.SourceProjectFolders());
    }

    [Fact]
    public void DomainProject_ShouldHaveNoReferences()
    {
        ProjectFile[] files = [SolutionFiles.LoadSourceProject("Domain"), .. SolutionFiles.BuildFilesImportedBy("Domain")];

        ArchitectureAssert.NoViolations(
            "EventBooking.Domain must have no project, package or framework references, "
            + "and no Directory.*.props/targets above it may add any.",
            files.SelectMany(ProjectFileRules.FindAnyReferences).ToList());
    }

    [Fact]
    public void DomainProjectRule_WhenViolated_ShouldReportEachReference()
    {
        var project = ProjectFile.Parse(
            "EventBooking.Domain.csproj",
            """
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <ItemGroup>
                <ProjectReference Include="..\Application\EventBooking.Application.csproj" />
                <PackageReference Include="MediatR" />
                <FrameworkReference Include="Microsoft.AspNetCore.App" Condition="'$(Configuration)' == 'Debug'" />
              </ItemGroup>
            </Project>
            """);
        var buildProps = ProjectFile.Parse(
            "Directory.Packages.props",
            """<Project><ItemGroup><GlobalPackageReference Include="Mapster" /></ItemGroup></Project>""");

        ArchitectureAssert.ReportsExactly(
            [
                "EventBooking.Domain.csproj has a ProjectReference to EventBooking.Application",
                "EventBooking.Domain.csproj has a PackageReference to MediatR",
                "EventBooking.Domain.csproj has a FrameworkReference to Microsoft.AspNetCore.App",
                "EventBooking.Domain.csproj has a FrameworkReference to Microsoft.AspNetCore.App (implicit in Microsoft.NET.Sdk.Web)",
            ],
            ProjectFileRules.FindAnyReferences(project));
        ArchitectureAssert.ReportsExactly(
            ["Directory.Packages.props has a PackageReference to Mapster"],
            ProjectFileRules.FindAnyReferences(buildProps));
    }

    [Fact]
    public void ApplicationProject_ShouldReferenceOnlyDomain()
    {
        var project = SolutionFiles.LoadSourceProject("Application");

        ArchitectureAssert.NoViolations(
            "EventBooking.Application must reference EventBooking.Domain and no other project.",
            [
                .. ProjectFileRules.FindDisallowedProjectReferences(project, Domain),
                .. ProjectFileRules.FindMissingProjectReferences(project, Domain),
            ]);
    }

    [Fact]
    public void ApplicationProject_ShouldNotReferencePersistenceOrWebPackages()
    {
        var project = SolutionFiles.LoadSourceProject("Application");

        ArchitectureAssert.NoViolations(
            "EventBooking.Application must not reference EF Core, Npgsql or ASP.NET Core packages or frameworks.",
            ProjectFileRules.FindForbiddenPackages(
                project, LayerRules.EntityFrameworkCore, LayerRules.Npgsql, LayerRules.AspNetCore));
    }

    [Fact]
    public void ApplicationPackageRule_WhenViolated_ShouldReportForbiddenPackages()
    {
        var project = ProjectFile.Parse(
            "EventBooking.Application.csproj",
            """
            <Project Sdk="Microsoft.NET.Sdk">
              <ItemGroup>
                <PackageReference Include="MediatR" />
                <PackageReference Include="Microsoft.EntityFrameworkCore.Relational" />
                <PackageReference Include="Npgsql" />
                <FrameworkReference Include="Microsoft.AspNetCore.App" />
              </ItemGroup>
            </Project>
            """);

        var violations = ProjectFileRules.FindForbiddenPackages(
            project, LayerRules.EntityFrameworkCore, LayerRules.Npgsql, LayerRules.AspNetCore);

        ArchitectureAssert.ReportsExactly(
            [
                "EventBooking.Application.csproj has a PackageReference to Microsoft.EntityFrameworkCore.Relational",
                "EventBooking.Application.csproj has a PackageReference to Npgsql",
                "EventBooking.Application.csproj has a FrameworkReference to Microsoft.AspNetCore.App",
            ],
            violations);
    }

    [Fact]
    public void ApplicationProject_ShouldReferenceOnlyAllowedPackages()
    {
        ProjectFile[] files = [SolutionFiles.LoadSourceProject("Application"), .. SolutionFiles.BuildFilesImportedBy("Application")];

        Assert.NotEmpty(files[0].PackageReferences);
        ArchitectureAssert.NoViolations(
            $"EventBooking.Application may reference only the packages {string.Join(", ", ApplicationPackages.Allowed)}, "
            + "and no framework; no Directory.*.props/targets above it may add others.",
            files.SelectMany(file => ProjectFileRules.FindPackagesOutsideAllowList(file, ApplicationPackages.Allowed)).ToList());
    }

    [Fact]
    public void ApplicationPackageAllowList_WhenViolated_ShouldReportEachPackageOffTheList()
    {
        var project = ProjectFile.Parse(
            "EventBooking.Application.csproj",
            """
            <Project Sdk="Microsoft.NET.Sdk">
              <ItemGroup>
                <PackageReference Include="MediatR" />
                <PackageReference Include="fluentvalidation" />
                <PackageReference Include="Mapster;Newtonsoft.Json" />
                <PackageReference Include="Npgsql" Condition="'$(Configuration)' == 'Debug'" />
                <PackageReference Include="Microsoft.Extensions.Logging" />
                <FrameworkReference Include="Microsoft.AspNetCore.App" />
              </ItemGroup>
            </Project>
            """);
        var buildProps = ProjectFile.Parse(
            "Directory.Build.props",
            """<Project><ItemGroup><GlobalPackageReference Include="Scrutor" /><GlobalPackageReference Include="Polly" /></ItemGroup></Project>""");

        ArchitectureAssert.ReportsExactly(
            [
                "EventBooking.Application.csproj has a PackageReference to Newtonsoft.Json, which is not on the allow-list",
                "EventBooking.Application.csproj has a PackageReference to Npgsql, which is not on the allow-list",
                "EventBooking.Application.csproj has a PackageReference to Microsoft.Extensions.Logging, which is not on the allow-list",
                "EventBooking.Application.csproj has a FrameworkReference to Microsoft.AspNetCore.App, which is not on the allow-list",
            ],
            ProjectFileRules.FindPackagesOutsideAllowList(project, ApplicationPackages.Allowed));
        ArchitectureAssert.ReportsExactly(
            ["Directory.Build.props has a PackageReference to Polly, which is not on the allow-list"],
            ProjectFileRules.FindPackagesOutsideAllowList(buildProps, ApplicationPackages.Allowed));
    }

    [Fact]
    public void InfrastructureProject_ShouldReferenceOnlyApplication()
    {
        var project = SolutionFiles.LoadSourceProject("Infrastructure");

        ArchitectureAssert.NoViolations(
            "EventBooking.Infrastructure must reference EventBooking.Application and no other project.",
            [
                .. ProjectFileRules.FindDisallowedProjectReferences(project, Application),
                .. ProjectFileRules.FindMissingProjectReferences(project, Application),
            ]);
    }

    [Fact]
    public void ProjectReferenceRule_WhenViolated_ShouldReportOutwardReference()
    {
        var project = ProjectFile.Parse(
            "EventBooking.Infrastructure.csproj",
            """
            <Project Sdk="Microsoft.NET.Sdk">
              <ItemGroup>
                <ProjectReference Include="..\Application\EventBooking.Application.csproj" />
                <ProjectReference Include="../WebApi/EventBooking.WebApi.csproj" />
              </ItemGroup>
            </Project>
            """);

        ArchitectureAssert.ReportsExactly(
            ["EventBooking.Infrastructure.csproj references EventBooking.WebApi; it may reference only EventBooking.Application"],
            ProjectFileRules.FindDisallowedProjectReferences(project, Application));
        Assert.Empty(ProjectFileRules.FindMissingProjectReferences(project, Application));
    }

    [Fact]
    public void WebApiProject_ShouldReferenceExactlyApplicationAndInfrastructure()
    {
        var project = SolutionFiles.LoadSourceProject("WebApi");

        ArchitectureAssert.NoViolations(
            "EventBooking.WebApi (the composition root) must reference exactly EventBooking.Application and EventBooking.Infrastructure.",
            [
                .. ProjectFileRules.FindDisallowedProjectReferences(project, Application, Infrastructure),
                .. ProjectFileRules.FindMissingProjectReferences(project, Application, Infrastructure),
            ]);
    }

    [Fact]
    public void WebApiProjectRule_WhenViolated_ShouldReportMissingAndExtraReferences()
    {
        var project = ProjectFile.Parse(
            "EventBooking.WebApi.csproj",
            """
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <ItemGroup>
                <ProjectReference Include="..\Application\EventBooking.Application.csproj;..\Domain\EventBooking.Domain.csproj" />
              </ItemGroup>
            </Project>
            """);

        ArchitectureAssert.ReportsExactly(
            ["EventBooking.WebApi.csproj references EventBooking.Domain; it may reference only EventBooking.Application and EventBooking.Infrastructure"],
            ProjectFileRules.FindDisallowedProjectReferences(project, Application, Infrastructure));
        ArchitectureAssert.ReportsExactly(
            ["EventBooking.WebApi.csproj does not reference EventBooking.Infrastructure"],
            ProjectFileRules.FindMissingProjectReferences(project, Application, Infrastructure));
    }

    [Theory]
    [MemberData(nameof(Layers.AllNames), MemberType = typeof(Layers))]
    public void SourceProject_ShouldNotReferenceTestProjects(string layer)
    {
        var project = SolutionFiles.LoadSourceProject(layer);

        ArchitectureAssert.NoViolations(
            $"{project.FileName} must not reference anything under tests/.",
            ProjectFileRules.FindTestProjectReferences(project));
    }

    [Fact]
    public void TestProjectRule_WhenViolated_ShouldReportTestReference()
    {
        var project = ProjectFile.Parse(
            "EventBooking.Infrastructure.csproj",
            """
            <Project Sdk="Microsoft.NET.Sdk">
              <ItemGroup>
                <ProjectReference Include="..\Application\EventBooking.Application.csproj" />
                <ProjectReference Include="..\..\tests\TestSupport\EventBooking.TestSupport.csproj" />
                <ProjectReference Include="..\Elsewhere\EventBooking.Domain.UnitTests.csproj" />
              </ItemGroup>
            </Project>
            """);

        ArchitectureAssert.ReportsExactly(
            [
                @"EventBooking.Infrastructure.csproj references the test project ..\..\tests\TestSupport\EventBooking.TestSupport.csproj",
                @"EventBooking.Infrastructure.csproj references the test project ..\Elsewhere\EventBooking.Domain.UnitTests.csproj",
            ],
            ProjectFileRules.FindTestProjectReferences(project));
    }

    [Theory]
    [MemberData(nameof(Layers.AllNames), MemberType = typeof(Layers))]
    public void SourceProject_ShouldBeNamedEventBookingFolder(string layer)
    {
        var expected = Layers.AssemblyNamePrefix + layer;
        var projectFiles = Directory.GetFiles(Path.Combine(SolutionFiles.SourceDirectory, layer), "*.csproj");

        Assert.Equal([$"{expected}.csproj"], projectFiles.Select(Path.GetFileName));
        ArchitectureAssert.NoViolations(
            $"src/{layer} must build the assembly {expected}.",
            ProjectFileRules.FindAssemblyNameMismatches(ProjectFile.Load(projectFiles[0]), expected));
    }

    [Fact]
    public void AssemblyNameRule_WhenViolated_ShouldReportMismatch()
    {
        var renamedAssembly = ProjectFile.Parse(
            "EventBooking.Domain.csproj",
            """<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><AssemblyName>Domain</AssemblyName></PropertyGroup></Project>""");
        var renamedFile = ProjectFile.Parse("Domain.csproj", """<Project Sdk="Microsoft.NET.Sdk" />""");

        ArchitectureAssert.ReportsExactly(
            ["EventBooking.Domain.csproj sets AssemblyName to 'Domain'; it should be EventBooking.Domain"],
            ProjectFileRules.FindAssemblyNameMismatches(renamedAssembly, Domain));
        ArchitectureAssert.ReportsExactly(
            ["Domain.csproj should be named EventBooking.Domain.csproj"],
            ProjectFileRules.FindAssemblyNameMismatches(renamedFile, Domain));
    }
}
