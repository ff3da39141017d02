using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;

namespace EventBooking.WebApi.IntegrationTests.Support;

/// <summary>
/// The OpenAPI document the API publishes, read as a contract: for a request and the response it got, whether the
/// document lists that status for the route, declares the media type, and (for JSON) whether the body is valid
/// against the schema it publishes there (JSON Schema 2020-12, formats checked).
/// </summary>
public sealed partial class PublishedContract
{
    private static readonly Uri DocumentUri = new("https://eventbooking.test/openapi/v1.json");

    private readonly JsonElement _document;
    private readonly JsonElement _paths;
    private readonly List<(Regex Pattern, string Template, int Literals)> _templates;
    private readonly BuildOptions _buildOptions;
    private readonly ConcurrentDictionary<string, JsonSchema> _schemas = new(StringComparer.Ordinal);

    private static readonly EvaluationOptions Evaluation = new()
    {
        OutputFormat = OutputFormat.List,
        RequireFormatValidation = true,
    };

    public PublishedContract(string documentJson)
    {
        var document = Closed(JsonNode.Parse(documentJson)!);
        _document = document;
        _paths = document.GetProperty("paths");
        _templates = _paths.EnumerateObject()
            .Select(path => (Pattern(path.Name), path.Name, Literals: path.Name.Split('/').Count(s => !s.StartsWith('{'))))
            .OrderByDescending(t => t.Literals)
            .ToList();

        var registry = new SchemaRegistry();
        registry.Register(DocumentUri, new JsonElementBaseDocument(document, DocumentUri));
        _buildOptions = new BuildOptions { SchemaRegistry = registry };
    }

    /// <summary>What is wrong with this answer against the document, or null when it keeps the contract.</summary>
    /// <remarks>Paths the document does not publish (/metrics, /scalar, unknown routes) and methods a path does not have are not checked.</remarks>
    public string? Check(HttpMethod method, string path, int status, MediaTypeHeaderValue? contentType, string? body)
    {
        var template = _templates.FirstOrDefault(t => t.Pattern.IsMatch(path)).Template;
        if (template is null
            || !_paths.GetProperty(template).TryGetProperty(method.Method.ToLowerInvariant(), out var operation))
        {
            return null;
        }

        var where = $"{method.Method} {template} answered {status}";
        var statusKey = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!operation.GetProperty("responses").TryGetProperty(statusKey, out var response))
        {
            return $"{where}, a status the OpenAPI document does not list for it. Body: {Shorten(body)}";
        }

        if (contentType?.MediaType is not { } mediaType || string.IsNullOrEmpty(body))
        {
            return status is 204 or 304 || method == HttpMethod.Head || !response.TryGetProperty("content", out _)
                ? null
                : $"{where} with no body, where the document promises one.";
        }

        if (!response.TryGetProperty("content", out var content) || !content.TryGetProperty(mediaType, out var media))
        {
            return $"{where} with {mediaType}, a media type the document does not declare for it.";
        }

        if (!mediaType.EndsWith("json", StringComparison.Ordinal) || !media.TryGetProperty("schema", out _))
        {
            return null;
        }

        var pointer = $"#/paths/{Escape(template)}/{method.Method.ToLowerInvariant()}/responses/{statusKey}/content/{Escape(mediaType)}/schema";
        using var instance = JsonDocument.Parse(body);
        var result = SchemaAt(pointer).Evaluate(instance.RootElement, Evaluation);
        if (result.IsValid)
        {
            return null;
        }

        var errors = Errors(result, (d, error) => $"{d.InstanceLocation} ({d.EvaluationPath}): {error}").Distinct().Take(12);
        return $"{where}; the body does not match the published schema:\n  {string.Join("\n  ", errors)}\nBody: {Shorten(body)}";
    }

    /// <summary>Every component schema's <c>examples</c> that its own schema rejects, as "Name: error" lines.</summary>
    public IReadOnlyList<string> InvalidExamples()
    {
        var problems = new List<string>();
        foreach (var component in _document.GetProperty("components").GetProperty("schemas").EnumerateObject())
        {
            if (!component.Value.TryGetProperty("examples", out var examples))
            {
                continue;
            }

            var schema = SchemaAt($"#/components/schemas/{Escape(component.Name)}");
            foreach (var example in examples.EnumerateArray())
            {
                problems.AddRange(Errors(schema.Evaluate(example, Evaluation), (d, error) => $"{component.Name}: {d.InstanceLocation} {error}"));
            }
        }

        return problems;
    }

    /// <summary>
    /// The document with every object schema closed (<c>additionalProperties: false</c> where it says nothing): a field
    /// the document does not name, or one renamed, fails the check here. The published document stays open to additions.
    /// </summary>
    private static JsonElement Closed(JsonNode document)
    {
        foreach (var schema in document["components"]!["schemas"]!.AsObject().Select(s => s.Value).OfType<JsonObject>())
        {
            if (schema.ContainsKey("properties") && !schema.ContainsKey("additionalProperties"))
            {
                schema["additionalProperties"] = false;
            }
        }

        return JsonDocument.Parse(document.ToJsonString()).RootElement.Clone();
    }

    /// <summary>The schema at a pointer into the document, built once.</summary>
    private JsonSchema SchemaAt(string pointer) =>
        _schemas.GetOrAdd(pointer, p => JsonSchema.FromText($$"""{"$ref": "{{DocumentUri}}{{p}}"}""", _buildOptions));

    /// <summary>Each error of an evaluation, described by <paramref name="describe"/>.</summary>
    private static IEnumerable<string> Errors(EvaluationResults result, Func<EvaluationResults, string, string> describe) =>
        (result.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => describe(d, e.Value)));

    private static Regex Pattern(string template) =>
        new("^" + ParameterSegment().Replace(Regex.Escape(template).Replace(@"\{", "{", StringComparison.Ordinal), "[^/]+") + "$",
            RegexOptions.CultureInvariant);

    /// <summary>A JSON Pointer token (<c>~</c> and <c>/</c> escaped), percent-encoded for a URI fragment (<c>{</c>, <c>+</c>).</summary>
    private static string Escape(string segment) =>
        Uri.EscapeDataString(segment.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal));

    private static string Shorten(string? body) => body is null ? "(none)" : body.Length <= 600 ? body : body[..600] + "...";

    [GeneratedRegex(@"\{[^}/]+\}")]
    private static partial Regex ParameterSegment();
}
