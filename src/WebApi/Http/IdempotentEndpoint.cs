namespace EventBooking.WebApi.Http;

/// <summary>
/// Endpoint metadata: the endpoint runs <see cref="IdempotencyFilter"/>, so its OpenAPI operation declares the
/// <c>Idempotency-Key</c> header. Added together with the filter by <see cref="IdempotentEndpointExtensions.WithIdempotencyKey"/>,
/// so an endpoint cannot take the header without documenting it.
/// </summary>
internal sealed class IdempotentEndpoint
{
    public static readonly IdempotentEndpoint Instance = new();

    private IdempotentEndpoint()
    {
    }
}

internal static class IdempotentEndpointExtensions
{
    /// <summary>Makes a POST retry-safe with an <c>Idempotency-Key</c> header, and documents the header.</summary>
    public static RouteHandlerBuilder WithIdempotencyKey(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilter<IdempotencyFilter>().WithMetadata(IdempotentEndpoint.Instance);
}
