using Microsoft.Extensions.DependencyInjection;

namespace EventBooking.ArchitectureTests.Fixtures.ServiceLocator;

/// <summary>Control: the entry point builds the container and may create services from it.</summary>
internal static class Program
{
    public static Caching.CacheWarmer CreateWarmer(IServiceProvider services) =>
        ActivatorUtilities.CreateInstance<Caching.CacheWarmer>(services);
}
