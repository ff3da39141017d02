namespace EventBooking.WebApi.OpenApi;

/// <summary>Endpoint metadata: anonymous, but a token changes the answer (see <see cref="OpenApiExtensions.AllowsOptionalToken"/>).</summary>
internal sealed class OptionalToken
{
    public static readonly OptionalToken Instance = new();

    private OptionalToken()
    {
    }
}
