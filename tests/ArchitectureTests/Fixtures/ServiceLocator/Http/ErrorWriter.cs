using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace EventBooking.ArchitectureTests.Fixtures.ServiceLocator.Http;

/// <summary>Planted violation: the clock is located from the request, inside a lambda.</summary>
internal static class ErrorWriter
{
    public static Func<HttpContext, DateTimeOffset> Now { get; } =
        context => (context.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System).GetUtcNow();
}
