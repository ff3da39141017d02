using Microsoft.AspNetCore.Http;

namespace EventBooking.ArchitectureTests.Fixtures.NonStaticEndpoints.Endpoints;

/// <summary>Control: a static class, so the rule must not report it.</summary>
internal static class CatalogEndpoints
{
    public static IResult List() => Results.Ok();
}
