using Microsoft.Extensions.DependencyInjection;

namespace EventBooking.ArchitectureTests.Fixtures.ServiceLocator.Caching;

/// <summary>
/// Planted violation: a type that takes the container itself and pulls what it needs, through the
/// interface, the keyed extensions, an iterator (a nested state machine) and ActivatorUtilities.
/// </summary>
internal sealed class CacheWarmer(TimeProvider clock)
{
    public TimeProvider Clock { get; } = clock;

    public static object? Untyped(IServiceProvider services) => services.GetService(typeof(TimeProvider));

    public static TimeProvider Keyed(IServiceProvider services) => services.GetRequiredKeyedService<TimeProvider>("cache");

    public static CacheWarmer Create(IServiceProvider services) => ActivatorUtilities.CreateInstance<CacheWarmer>(services);

    public static IEnumerable<TimeProvider> AllClocks(IServiceProvider services)
    {
        foreach (var clock in services.GetServices<TimeProvider>())
        {
            yield return clock;
        }
    }
}
