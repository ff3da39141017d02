using System.ComponentModel;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace EventBooking.WebApi.OpenApi;

/// <summary>
/// Documents the multipart body of endpoints that carry <see cref="FormContract"/>: every field is a string
/// (a file field binary), none is null (a form has no null), and only the endpoint's own required fields are required.
/// </summary>
internal sealed class FormContractTransformer : IOpenApiOperationTransformer
{
    private const string ImageTypes = "image/jpeg, image/png, image/gif, image/webp";

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var form = context.Description.ActionDescriptor.EndpointMetadata.OfType<FormContract>().FirstOrDefault();
        if (form is null || operation.RequestBody?.Content is not { } content
            || !content.TryGetValue("multipart/form-data", out var multipart))
        {
            return Task.CompletedTask;
        }

        var schema = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal),
            Required = new HashSet<string>(form.Required, StringComparer.Ordinal),
        };
        foreach (var property in form.FormType.GetProperties())
        {
            var isFile = property.PropertyType == typeof(IFormFile);
            var description = property.GetCustomAttribute<DescriptionAttribute>()?.Description;
            schema.Properties[JsonNamingPolicy.CamelCase.ConvertName(property.Name)] = isFile
                ? new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = description }
                : new OpenApiSchema { Type = JsonSchemaType.String, Description = description };
            if (isFile)
            {
                multipart.Encoding ??= new Dictionary<string, OpenApiEncoding>(StringComparer.Ordinal);
                multipart.Encoding[JsonNamingPolicy.CamelCase.ConvertName(property.Name)] = new OpenApiEncoding { ContentType = ImageTypes };
            }
        }

        multipart.Schema = schema;
        return Task.CompletedTask;
    }
}
