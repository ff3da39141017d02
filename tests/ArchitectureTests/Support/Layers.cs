using System.Reflection;
using EventBooking.Application.Common.Interfaces;
using EventBooking.Domain.Common;
using InfrastructureMarker = EventBooking.Infrastructure.DependencyInjection;

namespace EventBooking.ArchitectureTests.Support;

/// <summary>
/// The four source assemblies, each found through one of its own types: renaming or moving a marker
/// type breaks this build instead of quietly pointing a rule at the wrong assembly.
/// </summary>
public static class Layers
{
    public const string AssemblyNamePrefix = "EventBooking.";

    public const string DomainNamespace = "EventBooking.Domain";
    public const string ApplicationNamespace = "EventBooking.Application";
    public const string InfrastructureNamespace = "EventBooking.Infrastructure";
    public const string WebApiNamespace = "EventBooking.WebApi";
    public const string WebApiEndpointsNamespace = "EventBooking.WebApi.Endpoints";

    public static Assembly Domain { get; } = typeof(Result).Assembly;

    public static Assembly Application { get; } = typeof(IPasswordHasher).Assembly;

    public static Assembly Infrastructure { get; } = typeof(InfrastructureMarker).Assembly;

    public static Assembly WebApi { get; } = typeof(Program).Assembly;

    /// <summary>The layer names, which are also the folder names under <c>src/</c>.</summary>
    public static IReadOnlyList<string> Names { get; } = ["Domain", "Application", "Infrastructure", "WebApi"];

    public static Assembly ByName(string layer) => layer switch
    {
        "Domain" => Domain,
        "Application" => Application,
        "Infrastructure" => Infrastructure,
        "WebApi" => WebApi,
        _ => throw new ArgumentOutOfRangeException(nameof(layer), layer, "Not one of the four layers."),
    };

    public static TheoryData<string> AllNames() => new(Names);
}
