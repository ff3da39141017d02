using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace EventBooking.WebApi.OpenApi;

/// <summary>Documents the multipart body of endpoints that carry <see cref="FormContract"/> with its own schema.</summary>
internal sealed class FormContractTransformer : IOpenApiOperationTransformer
{
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var form = context.Description.ActionDescriptor.EndpointMetadata.OfType<FormContract>().FirstOrDefault();
        if (form is null || operation.RequestBody?.Content is not { } content
            || !content.TryGetValue("multipart/form-data", out var multipart))
        {
            return;
        }

        multipart.Schema = await context.GetOrCreateSchemaAsync(form.FormType, null, cancellationToken);
    }
}
