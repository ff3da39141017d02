using System.Text.Json;

namespace EventBooking.WebApi.IntegrationTests.Hostile;

/// <summary>What a value in the OpenAPI document is, as far as picking hostile values for it goes.</summary>
public enum FuzzValueKind
{
    Text,
    WholeNumber,
    Fraction,
    Flag,
    Timestamp,
    File,
    Other,
}

/// <summary>A body property or a parameter named by the OpenAPI document.</summary>
public sealed record FuzzField(string Name, FuzzValueKind Kind);

/// <summary>A path or query parameter of an operation.</summary>
public sealed record FuzzParameter(string Name, string In, FuzzValueKind Kind);

/// <summary>One operation of the OpenAPI document: where it is, what it takes, whether it needs a token.</summary>
public sealed record FuzzOperation(
    string Method,
    string PathTemplate,
    string Tag,
    IReadOnlyList<FuzzParameter> Parameters,
    IReadOnlyDictionary<string, IReadOnlyList<FuzzField>> Bodies,
    bool RequiresToken)
{
    public string Name => $"{Method.ToUpperInvariant()} {PathTemplate}";

    public bool IsRead => Method is "get" or "head";

    public IReadOnlyList<FuzzField>? JsonBody => Bodies.TryGetValue("application/json", out var fields) ? fields : null;

    public IReadOnlyList<FuzzField>? FormBody => Bodies.TryGetValue("multipart/form-data", out var fields) ? fields : null;
}

/// <summary>Reads every API operation (paths under <c>/api</c>) out of the served OpenAPI document.</summary>
public static class OpenApiOperations
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch", "head"];

    public static IReadOnlyList<FuzzOperation> Parse(JsonElement document)
    {
        var operations = new List<FuzzOperation>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            if (!path.Name.StartsWith("/api/", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var method in Methods)
            {
                if (path.Value.TryGetProperty(method, out var operation))
                {
                    operations.Add(ParseOperation(document, path.Name, method, operation));
                }
            }
        }

        return operations;
    }

    private static FuzzOperation ParseOperation(JsonElement document, string path, string method, JsonElement operation)
    {
        var tag = operation.TryGetProperty("tags", out var tags) && tags.GetArrayLength() > 0 ? tags[0].GetString()! : "Untagged";
        var parameters = new List<FuzzParameter>();
        if (operation.TryGetProperty("parameters", out var parameterList))
        {
            foreach (var parameter in parameterList.EnumerateArray())
            {
                var resolved = Resolve(document, parameter);
                var kind = resolved.TryGetProperty("schema", out var schema) ? KindOf(document, schema) : FuzzValueKind.Text;
                parameters.Add(new FuzzParameter(resolved.GetProperty("name").GetString()!, resolved.GetProperty("in").GetString()!, kind));
            }
        }

        var bodies = new Dictionary<string, IReadOnlyList<FuzzField>>(StringComparer.Ordinal);
        if (operation.TryGetProperty("requestBody", out var body) && Resolve(document, body).TryGetProperty("content", out var content))
        {
            foreach (var media in content.EnumerateObject())
            {
                bodies[media.Name] = media.Value.TryGetProperty("schema", out var schema) ? PropertiesOf(document, schema) : [];
            }
        }

        var requiresToken = operation.TryGetProperty("security", out var security)
            && security.EnumerateArray().Any(requirement => requirement.EnumerateObject().Any());
        return new FuzzOperation(method, path, tag, parameters, bodies, requiresToken);
    }

    private static List<FuzzField> PropertiesOf(JsonElement document, JsonElement schema)
    {
        var resolved = Resolve(document, schema);
        if (!resolved.TryGetProperty("properties", out var properties))
        {
            return [];
        }

        return properties.EnumerateObject().Select(p => new FuzzField(p.Name, KindOf(document, p.Value))).ToList();
    }

    /// <summary>The kind of a schema, ignoring <c>null</c> in a type list (nullable properties).</summary>
    public static FuzzValueKind KindOf(JsonElement document, JsonElement schema)
    {
        if (schema.TryGetProperty("$ref", out var reference) && reference.GetString()!.EndsWith("/IFormFile", StringComparison.Ordinal))
        {
            return FuzzValueKind.File;
        }

        var resolved = Resolve(document, schema);
        if (resolved.TryGetProperty("format", out var format) && format.GetString() == "binary")
        {
            return FuzzValueKind.File;
        }

        var types = new List<string>();
        if (resolved.TryGetProperty("type", out var type))
        {
            if (type.ValueKind == JsonValueKind.Array)
            {
                types.AddRange(type.EnumerateArray().Select(t => t.GetString()!));
            }
            else
            {
                types.Add(type.GetString()!);
            }
        }

        if (resolved.TryGetProperty("oneOf", out var oneOf) || resolved.TryGetProperty("anyOf", out oneOf))
        {
            var kinds = oneOf.EnumerateArray().Select(s => KindOf(document, s)).Where(k => k != FuzzValueKind.Other).Distinct().ToList();
            return kinds.Count == 1 ? kinds[0] : FuzzValueKind.Other;
        }

        types.Remove("null");
        return types switch
        {
            _ when types.Contains("integer") => FuzzValueKind.WholeNumber,
            _ when types.Contains("number") => FuzzValueKind.Fraction,
            _ when types.Contains("boolean") => FuzzValueKind.Flag,
            ["string"] when resolved.TryGetProperty("format", out var f) && f.GetString() == "date-time" => FuzzValueKind.Timestamp,
            ["string"] => FuzzValueKind.Text,
            _ => FuzzValueKind.Other,
        };
    }

    private static JsonElement Resolve(JsonElement document, JsonElement element)
    {
        while (element.TryGetProperty("$ref", out var reference))
        {
            var target = document;
            foreach (var part in reference.GetString()!.TrimStart('#', '/').Split('/'))
            {
                target = target.GetProperty(part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal));
            }

            element = target;
        }

        return element;
    }
}
