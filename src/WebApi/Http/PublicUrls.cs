using System.Text.Json.Serialization.Metadata;
using EventBooking.Application.Events;
using EventBooking.Infrastructure.Configuration;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace EventBooking.WebApi.Http;

/// <summary>The <c>Api</c> section: how the API is reached from outside.</summary>
public sealed class ApiOptions
{
    public const string SectionName = "Api";

    /// <summary>
    /// The API's public address (<c>https://api.example.com</c>, or with a path prefix when a proxy mounts it under
    /// one). Unset: each request's own scheme and host (forwarded ones only from <c>ForwardedHeaders__KnownProxies</c>).
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    public static bool IsValidBaseUrl(string? value) =>
        string.IsNullOrWhiteSpace(value)
        || Uri.TryCreate(value, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment) && string.IsNullOrEmpty(uri.UserInfo);
}

/// <summary>
/// Turns the API's own paths into absolute URLs for the answers that carry them (an event's <c>imageUrl</c>): a
/// browser client served from another origin puts the URL straight into <c>&lt;img src&gt;</c>, where a path would
/// ask the client's own host. The database keeps the path; the address is added as the answer is written, from
/// <see cref="ApiOptions.PublicBaseUrl"/> or else the request's scheme and host. The output cache keys on the
/// scheme and host, so an answer cached for one address is never served for another.
/// </summary>
internal sealed class PublicUrls(IHttpContextAccessor http, IOptions<ApiOptions> options)
{
    private readonly string? _baseUrl = string.IsNullOrWhiteSpace(options.Value.PublicBaseUrl) ? null : options.Value.PublicBaseUrl.TrimEnd('/');

    /// <summary>The absolute URL of <paramref name="path"/> (which starts with '/'); unchanged when already absolute or outside a request.</summary>
    public string Absolute(string path)
    {
        if (!path.StartsWith('/') || path.StartsWith("//", StringComparison.Ordinal))
        {
            return path; // already absolute, or protocol-relative: not one of our paths
        }

        if (_baseUrl is not null)
        {
            return _baseUrl + path;
        }

        return http.HttpContext?.Request is { } request && request.Host.HasValue
            ? $"{request.Scheme}://{request.Host.ToUriComponent()}{request.PathBase.ToUriComponent()}{path}"
            : path;
    }

    /// <summary>A serializer modifier writing <see cref="EventResponse.ImageUrl"/> as an absolute URL.</summary>
    public void Apply(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Type != typeof(EventResponse))
        {
            return;
        }

        foreach (var property in typeInfo.Properties.Where(p => p.AttributeProvider is System.Reflection.MemberInfo { Name: nameof(EventResponse.ImageUrl) }))
        {
            var read = property.Get!;
            property.Get = target => read(target) is string url ? Absolute(url) : null;
        }
    }
}

internal static class PublicUrlsRegistration
{
    /// <summary>The <c>Api</c> section and the serializer modifier that makes image URLs absolute.</summary>
    public static IServiceCollection AddPublicUrls(this IServiceCollection services)
    {
        services.AddOptions<ApiOptions>()
            .BindSection(ApiOptions.SectionName)
            .Validate(
                o => ApiOptions.IsValidBaseUrl(o.PublicBaseUrl),
                "Api__PublicBaseUrl must be an absolute http or https URL without query or fragment (e.g. https://api.example.com).")
            .ValidateOnStart();
        services.AddSingleton<PublicUrls>();
        services.AddOptions<JsonOptions>().Configure<PublicUrls>((options, urls) =>
            ((DefaultJsonTypeInfoResolver)options.SerializerOptions.TypeInfoResolver!).Modifiers.Add(urls.Apply));
        return services;
    }
}
