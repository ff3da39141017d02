namespace EventBooking.ArchitectureTests.Rules;

/// <summary>
/// What Application may build on, as allow-lists: a new package there is a design decision to make
/// here on purpose, not a side effect of an IDE quick fix.
/// </summary>
public static class ApplicationPackages
{
    /// <summary>The PackageReferences EventBooking.Application.csproj may have.</summary>
    public static IReadOnlyList<string> Allowed { get; } =
    [
        "MediatR",
        "FluentValidation",
        "FluentValidation.DependencyInjectionExtensions",
        "Mapster",
        "Scrutor",
        "Microsoft.Extensions.Logging.Abstractions",
    ];

    /// <summary>
    /// The assemblies the compiled EventBooking.Application may reference, with <c>*</c> for any run of
    /// characters: the base class library, Domain, the allowed packages' own assemblies and the
    /// Microsoft.Extensions abstractions they bring.
    /// </summary>
    public static IReadOnlyList<string> AllowedAssemblies { get; } =
    [
        "System", "System.*", "netstandard", "mscorlib",
        "EventBooking.Domain",
        "MediatR",
        "FluentValidation", "FluentValidation.DependencyInjectionExtensions",
        "Mapster", "Mapster.Core",
        "Scrutor",
        "Microsoft.Extensions.*.Abstractions",
    ];
}
