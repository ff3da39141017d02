using EventBooking.WebApi.Http;

namespace EventBooking.WebApi.OpenApi;

internal static class OpenApiExtensions
{
    /// <summary>Documents the error envelope for each status an endpoint can answer with, and for 500, which any can.</summary>
    public static RouteHandlerBuilder ProducesErrors(this RouteHandlerBuilder builder, params int[] statusCodes)
    {
        foreach (var statusCode in statusCodes.Append(StatusCodes.Status500InternalServerError).Distinct())
        {
            builder.Produces<ErrorEnvelope>(statusCode);
        }

        return builder;
    }

    /// <summary>
    /// An anonymous endpoint that reads a token when one is sent (an admin sees more): documented as
    /// <c>security: [{}, {Bearer: []}]</c>, so generated clients send the token they have.
    /// </summary>
    public static RouteHandlerBuilder AllowsOptionalToken(this RouteHandlerBuilder builder) =>
        builder.WithMetadata(OptionalToken.Instance);
}
