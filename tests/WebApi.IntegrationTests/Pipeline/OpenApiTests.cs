using System.Net;
using System.Text.Json;
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
    // Serving the documentation and probing health are infrastructure, not API operations.
    private static readonly string[] InfrastructurePrefixes = ["/openapi", "/scalar", "/health"];

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

        var wrong = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var operation = document.GetProperty("paths").GetProperty(endpoint.Path).GetProperty(endpoint.Method);
            var hasBearer = operation.TryGetProperty("security", out var security)
                && security.EnumerateArray().Any(requirement => requirement.TryGetProperty("Bearer", out _));
            if (hasBearer != endpoint.RequiresAuth)
            {
                wrong.Add($"{endpoint.Method.ToUpperInvariant()} {endpoint.Path} (needs a token: {endpoint.RequiresAuth}, documented: {hasBearer})");
            }
        }

        Assert.True(wrong.Count == 0, $"Security documented wrongly: {string.Join(", ", wrong)}");
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
    private List<(string Path, string Method, bool RequiresAuth)> ApiEndpoints() =>
        Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true })
            .Select(e => (Endpoint: e, Path: OpenApiPath(e.RoutePattern), Methods: e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods))
            .Where(x => x.Methods is not null && !InfrastructurePrefixes.Any(p => x.Path.StartsWith(p, StringComparison.Ordinal)))
            .SelectMany(x => x.Methods!.Select(method => (
                x.Path,
                method.ToLowerInvariant(),
                x.Endpoint.Metadata.GetMetadata<IAuthorizeData>() is not null && x.Endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null)))
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
