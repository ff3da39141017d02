using Microsoft.AspNetCore.Http;

namespace EventBooking.ArchitectureTests.Fixtures.ViolatingApplication;

/// <summary>Planted violation: a handler that reads the HTTP request instead of an ICurrentUser port.</summary>
internal sealed class HandlerReadingHttpContext
{
    public HttpContext? HttpContext { get; set; }
}
