namespace EventBooking.ArchitectureTests.Rules;

/// <summary>
/// Dependencies arrive through constructors and handler parameters; only the composition root (see
/// <see cref="CompositionRoot"/>) asks the container for a service. A service located at run time hides
/// what a type needs and fails at the first request instead of at startup.
/// </summary>
public static class ServiceLocatorRules
{
    private const string DependencyInjection = "Microsoft.Extensions.DependencyInjection";

    public static CallRule OutsideCompositionRoot { get; } = new(
        "Service locator outside the composition root",
        [
            new("System.IServiceProvider", "GetService"),
            new($"{DependencyInjection}.ServiceProviderServiceExtensions", "GetService", "GetRequiredService", "GetServices"),
            new($"{DependencyInjection}.ServiceProviderKeyedServiceExtensions", "GetKeyedService", "GetRequiredKeyedService", "GetKeyedServices"),
            new($"{DependencyInjection}.ISupportRequiredService", "GetRequiredService"),
            new($"{DependencyInjection}.IKeyedServiceProvider", "GetKeyedService", "GetRequiredKeyedService"),
            new($"{DependencyInjection}.ActivatorUtilities", "*"),
            new("Microsoft.AspNetCore.Http.HttpContext", "get_RequestServices"),
        ]);
}
