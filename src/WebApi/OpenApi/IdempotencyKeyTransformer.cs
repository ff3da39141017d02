using System.Text.Json.Nodes;
using EventBooking.WebApi.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace EventBooking.WebApi.OpenApi;

/// <summary>Declares the <c>Idempotency-Key</c> request header and the <c>Idempotency-Replayed</c> answer header on endpoints that take them.</summary>
internal sealed class IdempotencyKeyTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (!context.Description.ActionDescriptor.EndpointMetadata.OfType<IdempotentEndpoint>().Any())
        {
            return Task.CompletedTask;
        }

        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = IdempotencyFilter.HeaderName,
            In = ParameterLocation.Header,
            Required = false,
            Description = $"""
                Makes the request safe to retry: the first answer (status and body) is stored for this user and key for
                24 hours and replayed, without booking again. 1 to {IdempotencyFilter.MaxKeyLength} printable ASCII
                characters (a UUID is a good key). The same key with a different body answers 422
                `IDEMPOTENCY_KEY_REUSED`; while the first request still runs, 409 with `Retry-After: 1`.
                """,
            Schema = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                MinLength = 1,
                MaxLength = IdempotencyFilter.MaxKeyLength,
                Pattern = "^[!-~]+$",
            },
            Example = JsonValue.Create("0b9f5d2c-3c8e-4a51-9a63-5f0d7e2a1c44"),
        });

        foreach (var response in operation.Responses?.Values.OfType<OpenApiResponse>() ?? [])
        {
            response.Headers ??= new Dictionary<string, IOpenApiHeader>();
            response.Headers[IdempotencyFilter.ReplayedHeaderName] = new OpenApiHeader
            {
                Description = "`true` when this answer is the stored answer of an earlier request with the same Idempotency-Key.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create("true")] },
            };
        }

        return Task.CompletedTask;
    }
}
