using MapsterMapper;

namespace EventBooking.Application.UnitTests.Common;

/// <summary>The production mapping configuration, so handler tests map exactly as the API does.</summary>
internal static class DependencyInjectionMapper
{
    private static readonly Mapster.TypeAdapterConfig Config = DependencyInjection.CreateMappingConfig();

    public static IMapper Create() => new Mapper(Config);
}
