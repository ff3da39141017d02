using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace EventBooking.WebApi.OpenApi;

/// <summary>Writes the media types of a <see cref="FileResponse"/> into the operation's 200 answer.</summary>
internal sealed class FileResponseTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var file = context.Description.ActionDescriptor.EndpointMetadata.OfType<FileResponse>().FirstOrDefault();
        if (file is null || operation.Responses?.GetValueOrDefault("200") is not OpenApiResponse ok)
        {
            return Task.CompletedTask;
        }

        ok.Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal);
        foreach (var contentType in file.ContentTypes)
        {
            var text = contentType.StartsWith("text/", StringComparison.Ordinal) || contentType.EndsWith("+xml", StringComparison.Ordinal);
            ok.Content[contentType] = new OpenApiMediaType
            {
                Schema = text
                    ? new OpenApiSchema { Type = JsonSchemaType.String }
                    : new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" },
            };
        }

        return Task.CompletedTask;
    }
}
