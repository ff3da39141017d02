using EventBooking.ArchitectureTests.Rules;
using EventBooking.ArchitectureTests.Support;

namespace EventBooking.ArchitectureTests;

/// <summary>
/// Layer rules on the references compiled into each assembly. They also cover types outside the
/// layer's namespace, such as WebApi's global <c>Program</c>, which the type-level rules filter out.
/// </summary>
public class AssemblyReferenceTests
{
    private static readonly System.Reflection.Assembly TestAssembly = typeof(AssemblyReferenceTests).Assembly;

    [Theory]
    [MemberData(nameof(Layers.AllNames), MemberType = typeof(Layers))]
    public void Layer_ShouldBeBuiltAsEventBookingLayer(string layer) =>
        Assert.Equal(Layers.AssemblyNamePrefix + layer, Layers.ByName(layer).GetName().Name);

    [Fact]
    public void DomainAssembly_ShouldReferenceOnlyTheBaseClassLibrary()
    {
        var references = Layers.Domain.GetReferencedAssemblies();

        Assert.NotEmpty(references);
        ArchitectureAssert.NoViolations(
            "EventBooking.Domain may reference only the base class library (System.*).",
            AssemblyReferenceRules.FindReferencesOutsideBaseClassLibrary(references));
    }

    [Fact]
    public void BaseClassLibraryRule_WhenViolated_ShouldReportViolation()
    {
        var violations = AssemblyReferenceRules.FindReferencesOutsideBaseClassLibrary(
        [
            new("System.Runtime"),
            new("netstandard"),
            new("Microsoft.CSharp"),
            new("MediatR"),
            new("EventBooking.Application"),
        ]);

        ArchitectureAssert.ReportsExactly(["EventBooking.Application", "MediatR", "Microsoft.CSharp"], violations);
    }

    [Fact]
    public void ApplicationAssembly_ShouldNotReferenceInfrastructureWebApiOrPersistence()
    {
        ArchitectureAssert.NoViolations(
            $"EventBooking.Application must not reference {string.Join(", ", LayerRules.Application.ForbiddenNamespaces)}.",
            AssemblyReferenceRules.FindForbiddenReferences(
                Layers.Application.GetReferencedAssemblies(), LayerRules.Application.ForbiddenNamespaces));
    }

    [Fact]
    public void ApplicationAssembly_ShouldReferenceOnlyAllowedAssemblies()
    {
        var references = Layers.Application.GetReferencedAssemblies();

        Assert.Contains(references, reference => reference.Name == "MediatR");
        ArchitectureAssert.NoViolations(
            $"EventBooking.Application may reference only {string.Join(", ", ApplicationPackages.AllowedAssemblies)}.",
            AssemblyReferenceRules.FindReferencesOutsideAllowList(references, ApplicationPackages.AllowedAssemblies));
    }

    [Fact]
    public void ApplicationAssemblyAllowList_WhenViolated_ShouldReportEachAssemblyOffTheList()
    {
        var violations = AssemblyReferenceRules.FindReferencesOutsideAllowList(
            [
                new("System.Runtime"),
                new("netstandard"),
                new("EventBooking.Domain"),
                new("MediatR"),
                new("FluentValidation.DependencyInjectionExtensions"),
                new("Mapster.Core"),
                new("Microsoft.Extensions.DependencyInjection.Abstractions"),
                new("Microsoft.Extensions.Logging.Abstractions"),
                new("Microsoft.Extensions.Logging"),
                new("Microsoft.EntityFrameworkCore.Abstractions"),
                new("Newtonsoft.Json"),
                new("Npgsql"),
                new("EventBooking.Infrastructure"),
            ],
            ApplicationPackages.AllowedAssemblies);

        ArchitectureAssert.ReportsExactly(
            ["EventBooking.Infrastructure", "Microsoft.EntityFrameworkCore.Abstractions", "Microsoft.Extensions.Logging", "Newtonsoft.Json", "Npgsql"],
            violations);
    }

    [Fact]
    public void InfrastructureAssembly_ShouldNotReferenceWebApi()
    {
        ArchitectureAssert.NoViolations(
            "EventBooking.Infrastructure must not reference EventBooking.WebApi.",
            AssemblyReferenceRules.FindForbiddenReferences(
                Layers.Infrastructure.GetReferencedAssemblies(), LayerRules.Infrastructure.ForbiddenNamespaces));
    }

    [Theory]
    [MemberData(nameof(Layers.AllNames), MemberType = typeof(Layers))]
    public void LayerAssembly_ShouldNotReferenceTheDynamicRuntimeBinder(string layer)
    {
        ArchitectureAssert.NoViolations(
            $"EventBooking.{layer} must not use dynamic (it references Microsoft.CSharp).",
            AssemblyReferenceRules.FindForbiddenReferences(
                Layers.ByName(layer).GetReferencedAssemblies(), ["Microsoft.CSharp"]));
    }

    [Fact]
    public void ForbiddenReferenceRule_WhenViolated_ShouldReportViolation()
    {
        // This test assembly really references what its planted fixtures use.
        var references = TestAssembly.GetReferencedAssemblies();

        var application = AssemblyReferenceRules.FindForbiddenReferences(references, LayerRules.Application.ForbiddenNamespaces);
        var infrastructure = AssemblyReferenceRules.FindForbiddenReferences(references, LayerRules.Infrastructure.ForbiddenNamespaces);
        var dynamic = AssemblyReferenceRules.FindForbiddenReferences(references, ["Microsoft.CSharp"]);

        Assert.Contains("EventBooking.Infrastructure", application);
        Assert.Contains("EventBooking.WebApi", application);
        Assert.Contains("Microsoft.EntityFrameworkCore", application);
        Assert.Contains("Npgsql", application);
        Assert.Contains(application, name => name.StartsWith("Microsoft.AspNetCore.", StringComparison.Ordinal));
        Assert.DoesNotContain("EventBooking.Application", application);
        Assert.Equal(["EventBooking.WebApi"], infrastructure);
        Assert.Equal(["Microsoft.CSharp"], dynamic);
    }
}
