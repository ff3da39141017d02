using Microsoft.AspNetCore.Http;

namespace EventBooking.ArchitectureTests.Fixtures.PersistenceInWebApi.Http;

/// <summary>Control: maps exceptions without knowing which database threw them.</summary>
internal static class CleanErrorMapper
{
    public static int StatusFor(Exception exception) =>
        exception is TimeoutException ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError;
}
