using System.Globalization;
using EventBooking.WebApi.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace EventBooking.WebApi.OpenApi;

/// <summary>
/// Every answer documented as the error envelope can also be <c>application/problem+json</c> (<see cref="ErrorProblem"/>),
/// for clients that ask for it in <c>Accept</c>: the document lists both media types for each error status, and the
/// <c>Retry-After</c> header of 429 and 503.
/// </summary>
internal sealed class ProblemDetailsTransformer : IOpenApiOperationTransformer
{
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var errorStatuses = context.Description.SupportedResponseTypes
            .Where(r => r.Type == typeof(ErrorEnvelope))
            .Select(r => r.StatusCode.ToString(CultureInfo.InvariantCulture))
            .ToHashSet(StringComparer.Ordinal);
        if (errorStatuses.Count == 0 || operation.Responses is null)
        {
            return;
        }

        var document = context.Document!;
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
        if (!document.Components.Schemas.ContainsKey(nameof(ErrorProblem)))
        {
            document.Components.Schemas[nameof(ErrorProblem)] = await context.GetOrCreateSchemaAsync(typeof(ErrorProblem), null, cancellationToken);
        }

        var schema = new OpenApiSchemaReference(nameof(ErrorProblem), document);
        foreach (var (status, response) in operation.Responses)
        {
            if (errorStatuses.Contains(status) && response is OpenApiResponse { Content: { } content } error)
            {
                content[ErrorProblem.MediaType] = new OpenApiMediaType { Schema = schema };
                if (status is "429" or "503")
                {
                    error.Headers ??= new Dictionary<string, IOpenApiHeader>(StringComparer.Ordinal);
                    error.Headers["Retry-After"] = new OpenApiHeader
                    {
                        Description = "Seconds to wait before trying again.",
                        Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1" },
                    };
                }
            }
        }
    }
}
