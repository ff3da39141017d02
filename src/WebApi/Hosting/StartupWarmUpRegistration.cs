using EventBooking.Infrastructure.Configuration;

namespace EventBooking.WebApi.Hosting;

/// <summary>The warm-up's wiring.</summary>
internal static class StartupWarmUpRegistration
{
    public static IServiceCollection AddStartupWarmUp(this IServiceCollection services)
    {
        services.AddOptions<WarmUpOptions>()
            .BindSection(WarmUpOptions.SectionName)
            .Validate(o => o is { Requests: >= 0 and <= 1_000_000, MaxSeconds: >= 1 and <= 600 },
                "WarmUp__Requests must be 0 to 1000000 and WarmUp__MaxSeconds 1 to 600.")
            .ValidateOnStart();
        services.AddSingleton<WarmUpGate>();
        services.AddHostedService<StartupWarmUp>();
        return services;
    }
}
