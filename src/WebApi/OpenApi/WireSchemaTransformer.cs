using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using EventBooking.WebApi.Http;
using EventBooking.WebApi.Json;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace EventBooking.WebApi.OpenApi;

/// <summary>
/// Makes each schema say what the serializer writes, which the generator alone gets wrong in three places:
/// times (our converter hides that they are strings), properties left out when null (required and nullable by
/// default, yet absent or non-null on the wire), and the envelopes (<c>success</c> is a constant and always sent;
/// <c>data</c> is never null). The HTTP tests check every answer against the result (PublishedContractHandler).
/// </summary>
internal sealed class WireSchemaTransformer : IOpenApiSchemaTransformer, IOpenApiDocumentTransformer
{
    private const string OmittedWhenNullKey = "eventbooking:omitted-when-null";

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        if (Nullable.GetUnderlyingType(type) is { } underlying && underlying == typeof(DateTime) || type == typeof(DateTime))
        {
            var nullable = type != typeof(DateTime) || context.JsonPropertyInfo is { } property && IsNullable(property);
            schema.Type = nullable ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String;
            schema.Format = "date-time";
            schema.Examples = [JsonValue.Create("2027-03-14T19:30:00.000Z")];
            return Task.CompletedTask;
        }

        if (context.JsonTypeInfo.Kind != JsonTypeInfoKind.Object || schema.Properties is null)
        {
            return Task.CompletedTask;
        }

        if (type == typeof(Contracts.Events.EventJsonRequest))
        {
            schema.Required?.Clear(); // one body for create and update: update takes any subset; create's needs are in its summary
        }

        if (type == typeof(Application.Events.EventResponse) && schema.Properties.TryGetValue("imageUrl", out var imageUrl) && imageUrl is OpenApiSchema url)
        {
            url.Format = "uri"; // absolute (PublicUrls): the answer check rejects a path
        }

        if (SchemaExamples.TryGet(type, out var example))
        {
            schema.Examples = [JsonSerializer.SerializeToNode(example, context.JsonTypeInfo.Options)!];
        }

        var omitted = context.JsonTypeInfo.Properties.Where(OmittedWhenNull.IsOmittedWhenNull).Select(p => p.Name).ToList();
        foreach (var property in omitted)
        {
            schema.Required?.Remove(property);
            if (schema.Properties.TryGetValue(property, out var propertySchema))
            {
                schema.Properties[property] = NonNull(propertySchema);
            }
        }

        if (omitted.Count > 0)
        {
            // For the document pass below: a reference is only wrapped in oneOf [null, ...] after this.
            schema.Metadata ??= new Dictionary<string, object>(StringComparer.Ordinal);
            schema.Metadata[OmittedWhenNullKey] = omitted;
        }

        var envelope = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(SuccessEnvelope<>)
            || type == typeof(MessageEnvelope) ? true
            : type == typeof(ErrorEnvelope) ? false
            : (bool?)null;
        if (envelope is { } success)
        {
            schema.Required ??= new HashSet<string>();
            schema.Required.Add("success");
            schema.Properties["success"] = new OpenApiSchema { Type = JsonSchemaType.Boolean, Enum = [JsonValue.Create(success)] };
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// A success envelope's <c>data</c> and a property left out when null are never null, but the generator wraps
    /// references in <c>oneOf [null, ...]</c> only as the components are assembled, after the schema transformers
    /// ran: so they are unwrapped here.
    /// </summary>
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var (name, component) in document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>())
        {
            if (component is not OpenApiSchema { Properties: { } properties } schema)
            {
                continue;
            }

            var omitted = schema.Metadata is { } metadata && metadata.TryGetValue(OmittedWhenNullKey, out var names) ? (List<string>)names : [];
            foreach (var property in properties.Keys.ToList())
            {
                if (omitted.Contains(property) || property == "data" && name.StartsWith("SuccessEnvelopeOf", StringComparison.Ordinal))
                {
                    properties[property] = NonNull(properties[property]);
                }
            }
        }

        return Task.CompletedTask;
    }

    private static bool IsNullable(JsonPropertyInfo property) =>
        Nullable.GetUnderlyingType(property.PropertyType) is not null || property.IsGetNullable && !property.PropertyType.IsValueType;

    /// <summary>The schema without its null alternative: <c>["null", "string"]</c> becomes <c>"string"</c>, <c>oneOf [null, $ref]</c> the reference.</summary>
    private static IOpenApiSchema NonNull(IOpenApiSchema schema)
    {
        if (schema is not OpenApiSchema concrete)
        {
            return schema;
        }

        if (concrete.OneOf is { Count: 2 } alternatives && alternatives.Count(a => a.Type == JsonSchemaType.Null) == 1)
        {
            return alternatives.Single(a => a.Type != JsonSchemaType.Null);
        }

        if (concrete.Type is { } schemaType && schemaType.HasFlag(JsonSchemaType.Null))
        {
            concrete.Type = schemaType & ~JsonSchemaType.Null;
        }

        return concrete;
    }
}
