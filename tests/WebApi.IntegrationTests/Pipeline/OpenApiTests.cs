using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using EventBooking.WebApi.IntegrationTests.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace EventBooking.WebApi.IntegrationTests.Pipeline;

/// <summary>The OpenAPI document describes every endpoint the app really maps, with its auth requirement.</summary>
public sealed class OpenApiTests(DatabaseFixture database) : ApiTest(database)
{
    // Serving the documentation and the metrics are infrastructure, not API operations (the health probes are operations).
    private static readonly string[] InfrastructurePrefixes = ["/openapi", "/scalar", "/metrics"];

    [Fact]
    public async Task GetOpenApiDocument_ShouldAnswer200WithAnOpenApi31Document()
    {
        var document = await GetDocumentAsync();

        Assert.StartsWith("3.1.", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.True(document.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("Bearer", out var bearer));
        Assert.Equal("http", bearer.GetProperty("type").GetString());
        Assert.Equal("bearer", bearer.GetProperty("scheme").GetString(), ignoreCase: true);
    }

    [Fact]
    public async Task GetOpenApiDocument_ShouldListEveryMappedEndpointWithItsMethod()
    {
        var document = await GetDocumentAsync();
        var endpoints = ApiEndpoints();
        Assert.Contains(endpoints, e => e.Path == "/api/auth/login" && e.Method == "post");

        var missing = endpoints
            .Where(e => !(document.GetProperty("paths").TryGetProperty(e.Path, out var item) && item.TryGetProperty(e.Method, out _)))
            .Select(e => $"{e.Method.ToUpperInvariant()} {e.Path}")
            .ToList();

        Assert.True(missing.Count == 0, $"Not in the OpenAPI document: {string.Join(", ", missing)}");
    }

    [Fact]
    public async Task GetOpenApiDocument_ShouldMarkExactlyTheEndpointsThatNeedATokenWithBearerSecurity()
    {
        var document = await GetDocumentAsync();
        var endpoints = ApiEndpoints();
        Assert.Contains(endpoints, e => e.RequiresAuth);
        Assert.Contains(endpoints, e => !e.RequiresAuth);
        Assert.Contains(endpoints, e => e.Path == "/api/events" && e.Method == "get" && e.OptionalToken);

        var wrong = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var operation = document.GetProperty("paths").GetProperty(endpoint.Path).GetProperty(endpoint.Method);
            var security = operation.TryGetProperty("security", out var requirements) ? requirements.GetRawText() : "(none)";
            var expected = endpoint.RequiresAuth ? """[{"Bearer":[]}]"""
                : endpoint.OptionalToken ? """[{},{"Bearer":[]}]"""
                : "[]";
            if (System.Text.RegularExpressions.Regex.Replace(security, @"\s", string.Empty) != expected)
            {
                wrong.Add($"{endpoint.Method.ToUpperInvariant()} {endpoint.Path} (documented {security}, expected {expected})");
            }
        }

        Assert.True(wrong.Count == 0, $"Security documented wrongly: {string.Join(", ", wrong)}");
    }

    /// <summary>
    /// docs/openapi.json is the published document exactly as the API serves it (its <c>servers</c> entry is the host
    /// that asked: here the in-memory server's http://localhost); build/test.sh lints it with redocly. After a deliberate change, rewrite it with
    /// <c>EVENTBOOKING_UPDATE_OPENAPI=1 build/test.sh --no-format -- --filter OpenApiTests</c> and commit it.
    /// </summary>
    [Fact]
    public async Task CommittedDocument_ShouldBeTheDocumentTheApiServes()
    {
        var served = JsonNode.Parse((await GetDocumentAsync()).GetRawText())!;
        var text = served.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
        var path = RepositoryFiles.PathOf("docs", "openapi.json");
        if (Environment.GetEnvironmentVariable("EVENTBOOKING_UPDATE_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(path, text);
        }

        Assert.True(
            File.Exists(path) && await File.ReadAllTextAsync(path) == text,
            "docs/openapi.json is not the document the API serves: rewrite it with "
            + "EVENTBOOKING_UPDATE_OPENAPI=1 build/test.sh --no-format -- --filter OpenApiTests, and commit it");
    }

    [Fact]
    public async Task EveryOperation_ShouldHaveASummaryAnIdAndATag()
    {
        var missing = new List<string>();
        foreach (var path in (await GetDocumentAsync()).GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                if (!operation.Value.TryGetProperty("summary", out _) || !operation.Value.TryGetProperty("operationId", out _)
                    || !operation.Value.TryGetProperty("tags", out _))
                {
                    missing.Add($"{operation.Name.ToUpperInvariant()} {path.Name}");
                }
            }
        }

        Assert.Empty(missing);
    }

    [Fact]
    public void TheOnlyEndpointsLeftOutOfTheDocument_ShouldBeTheWebSocketOnes()
    {
        var excluded = Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is { ExcludeFromDescription: true })
            .Select(e => OpenApiPath(e.RoutePattern))
            .Where(path => !InfrastructurePrefixes.Any(p => path.StartsWith(p, StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Equal(["/ws", "/ws/events/{eventId}"], excluded);
    }

    [Fact]
    public async Task GetOpenApiDocument_ShouldDescribeTheWebSocketProtocol()
    {
        var description = (await GetDocumentAsync()).GetProperty("info").GetProperty("description").GetString()!;

        foreach (var message in new[] { "/ws/events/{eventId}?token=JWT", "connection_established", "seat_update", "booking_created", "waitlist_offer", "subscribe_event", "get_stats" })
        {
            Assert.Contains(message, description, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task GetOpenApiDocument_EveryExample_ShouldBeValidAgainstItsOwnSchema()
    {
        var contract = new PublishedContract((await GetDocumentAsync()).GetRawText());
        var document = await GetDocumentAsync();
        var withExamples = document.GetProperty("components").GetProperty("schemas").EnumerateObject().Count(s => s.Value.TryGetProperty("examples", out _));

        Assert.True(withExamples >= 20, $"only {withExamples} schemas carry an example");
        Assert.Empty(contract.InvalidExamples());
    }

    [Fact]
    public async Task GetOpenApiDocument_EveryDateTime_ShouldBeAString()
    {
        var untyped = new List<string>();
        Walk(await GetDocumentAsync(), "#");

        Assert.Empty(untyped);

        void Walk(JsonElement node, string where)
        {
            if (node.ValueKind == JsonValueKind.Object)
            {
                if (node.TryGetProperty("format", out var format) && format.ValueKind == JsonValueKind.String && format.GetString() == "date-time"
                    && !(node.TryGetProperty("type", out var type) && type.ToString().Contains("string", StringComparison.Ordinal)))
                {
                    untyped.Add(where);
                }

                foreach (var property in node.EnumerateObject())
                {
                    Walk(property.Value, $"{where}/{property.Name}");
                }
            }
            else if (node.ValueKind == JsonValueKind.Array)
            {
                var i = 0;
                foreach (var item in node.EnumerateArray())
                {
                    Walk(item, $"{where}/{i++}");
                }
            }
        }
    }

    [Theory]
    [InlineData("EventResponse", "creator", "#/components/schemas/CreatorResponse")]
    [InlineData("BookingDetailResponse", "user", "#/components/schemas/UserSummary")]
    [InlineData("SuccessEnvelopeOfEventResponse", "data", "#/components/schemas/EventResponse")]
    public async Task AReferenceThatIsLeftOutRatherThanNull_ShouldNotBeNullable(string schema, string property, string reference)
    {
        var component = (await GetDocumentAsync()).GetProperty("components").GetProperty("schemas").GetProperty(schema);

        Assert.Equal(reference, component.GetProperty("properties").GetProperty(property).GetProperty("$ref").GetString());
        Assert.Equal(property == "data", component.GetProperty("required").EnumerateArray().Any(r => r.GetString() == property));
    }

    [Fact]
    public async Task CreateBooking_ShouldDeclareTheIdempotencyKeyHeader()
    {
        var operation = (await GetDocumentAsync()).GetProperty("paths").GetProperty("/api/bookings").GetProperty("post");

        var header = operation.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "Idempotency-Key");
        Assert.Equal("header", header.GetProperty("in").GetString());
        Assert.False(header.TryGetProperty("required", out var required) && required.GetBoolean());
        Assert.Equal(100, header.GetProperty("schema").GetProperty("maxLength").GetInt32());
        Assert.True(operation.GetProperty("responses").GetProperty("201").GetProperty("headers").TryGetProperty("Idempotency-Replayed", out _));
    }

    [Fact]
    public async Task CreateEvent_ShouldRequireOnlyTheFormFieldsItNeeds()
    {
        var create = (await GetDocumentAsync()).GetProperty("paths").GetProperty("/api/events").GetProperty("post")
            .GetProperty("requestBody").GetProperty("content").GetProperty("multipart/form-data").GetProperty("schema");
        var update = (await GetDocumentAsync()).GetProperty("paths").GetProperty("/api/events/{id}").GetProperty("put")
            .GetProperty("requestBody").GetProperty("content").GetProperty("multipart/form-data").GetProperty("schema");

        Assert.Equal(["eventDate", "name", "seatCapacity"], create.GetProperty("required").EnumerateArray().Select(r => r.GetString()!).Order(StringComparer.Ordinal));
        Assert.False(update.TryGetProperty("required", out var required) && required.GetArrayLength() > 0);
        Assert.Equal("binary", create.GetProperty("properties").GetProperty("imageFile").GetProperty("format").GetString());
        Assert.Equal("string", create.GetProperty("properties").GetProperty("name").GetProperty("type").GetString());
    }

    [Fact]
    public async Task PublishedContract_ShouldRejectAnAnswerThatDriftsFromTheDocument()
    {
        var contract = new PublishedContract((await GetDocumentAsync()).GetRawText());
        var json = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        const string Event = """
            {"success":true,"data":{"id":1,"name":"A","description":null,"imageUrl":null,"eventDate":"2027-01-01T10:00:00.000Z",
             "seatCapacity":10,"availableSeats":10,"createdBy":null,"createdAt":"2026-01-01T10:00:00.000Z","updatedAt":"2026-01-01T10:00:00.000Z"}}
            """;

        Assert.Null(contract.Check(HttpMethod.Get, "/api/events/1", 200, json, Event));
        Assert.NotNull(contract.Check(HttpMethod.Get, "/api/events/1", 200, json, Event.Replace("\"name\":\"A\"", "\"name\":1", StringComparison.Ordinal)));
        Assert.NotNull(contract.Check(HttpMethod.Get, "/api/events/1", 200, json, Event.Replace("\"2027-01-01T10:00:00.000Z\"", "1", StringComparison.Ordinal)));
        Assert.NotNull(contract.Check(HttpMethod.Get, "/api/events/1", 200, json, Event.Replace(",\"availableSeats\":10", string.Empty, StringComparison.Ordinal)));
        Assert.NotNull(contract.Check(HttpMethod.Get, "/api/events/1", 418, json, Event));
        Assert.NotNull(contract.Check(HttpMethod.Get, "/api/events/1", 200, new System.Net.Http.Headers.MediaTypeHeaderValue("text/html"), "<html/>"));
    }

    [Fact]
    public async Task GetScalar_ShouldAnswer200Html()
    {
        var response = await Client.GetAsync(new Uri("/scalar", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<html", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    private async Task<JsonElement> GetDocumentAsync()
    {
        var response = await Client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return await ReadJsonAsync(response);
    }

    /// <summary>Every (path, method) the app maps, as OpenAPI spells it, apart from infrastructure and excluded ones.</summary>
    private List<(string Path, string Method, bool RequiresAuth, bool OptionalToken)> ApiEndpoints() =>
        Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true })
            .Select(e => (Endpoint: e, Path: OpenApiPath(e.RoutePattern), Methods: e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods))
            .Where(x => x.Methods is not null && !InfrastructurePrefixes.Any(p => x.Path.StartsWith(p, StringComparison.Ordinal)))
            .SelectMany(x => x.Methods!.Select(method => (
                x.Path,
                method.ToLowerInvariant(),
                x.Endpoint.Metadata.GetMetadata<IAuthorizeData>() is not null && x.Endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null,
                x.Endpoint.Metadata.GetMetadata<EventBooking.WebApi.OpenApi.OptionalToken>() is not null)))
            .ToList();

    /// <summary><c>/api/admin/users/{id:int}/role</c> becomes <c>/api/admin/users/{id}/role</c>.</summary>
    private static string OpenApiPath(RoutePattern pattern) =>
        "/" + string.Join('/', pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart parameter => $"{{{parameter.Name}}}",
            _ => string.Empty,
        }))));
}
