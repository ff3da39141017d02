using Microsoft.AspNetCore.Http;

namespace EventBooking.ArchitectureTests.Fixtures.ServiceLocator.Http;

/// <summary>Control: gets its clock through the constructor and reads only the request itself.</summary>
internal sealed class CleanFilter(TimeProvider clock)
{
    public DateTimeOffset StampedAt(HttpContext context) =>
        context.RequestAborted.IsCancellationRequested ? DateTimeOffset.MinValue : clock.GetUtcNow();
}
