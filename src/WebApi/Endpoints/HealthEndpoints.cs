namespace EventBooking.WebApi.Endpoints;

internal static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        // Liveness as the old server answered it: 200 text/plain "OK".
        app.MapGet("/", Liveness).ExcludeFromDescription();
        return app;
    }

    private static IResult Liveness() => Results.Text("OK", "text/plain");
}
