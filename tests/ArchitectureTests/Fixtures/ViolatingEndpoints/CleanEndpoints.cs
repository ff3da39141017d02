using Microsoft.AspNetCore.Http;

namespace EventBooking.ArchitectureTests.Fixtures.ViolatingEndpoints;

/// <summary>Control: HTTP types are the endpoints' own business, so the rule must not report them.</summary>
internal static class CleanEndpoints
{
    public static IResult Liveness() => Results.Text("OK", "text/plain");
}
