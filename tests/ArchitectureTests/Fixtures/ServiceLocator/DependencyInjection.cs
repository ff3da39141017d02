using Microsoft.Extensions.DependencyInjection;

namespace EventBooking.ArchitectureTests.Fixtures.ServiceLocator;

/// <summary>Control: the composition root resolves services inside its factory lambdas.</summary>
internal static class DependencyInjection
{
    public static IServiceCollection AddClock(this IServiceCollection services) =>
        services.AddSingleton(sp => new Caching.CacheWarmer(sp.GetRequiredService<TimeProvider>()));
}
