using EventBooking.WebApi.Http;

namespace EventBooking.WebApi.OpenApi;

internal static class OpenApiExtensions
{
    /// <summary>Documents the error envelope for each status an endpoint can answer with.</summary>
    public static RouteHandlerBuilder ProducesErrors(this RouteHandlerBuilder builder, params int[] statusCodes)
    {
        foreach (var statusCode in statusCodes)
        {
            builder.Produces<ErrorEnvelope>(statusCode);
        }

        return builder;
    }
}
