namespace EventBooking.WebApi.Security;

/// <summary>The <c>Cors</c> configuration section: <c>Cors__AllowedOrigins</c>, comma-separated.</summary>
internal static class CorsSettings
{
    public const string AllowedOriginsKey = "Cors:AllowedOrigins";
    public const string DefaultOrigin = "http://localhost:8080";

    public static IServiceCollection AddApiCors(this IServiceCollection services, IConfiguration configuration)
    {
        var origins = ParseOrigins(configuration[AllowedOriginsKey]);
        services.AddCors(cors => cors.AddDefaultPolicy(policy => policy
            .WithOrigins(origins)
            .WithMethods("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")
            .WithHeaders("Authorization", "Content-Type", "Idempotency-Key")
            .WithExposedHeaders("Retry-After", "ETag", "Location", Http.IdempotencyFilter.ReplayedHeaderName)));
        return services;
    }

    /// <summary>Each origin must be an absolute http(s) URL; a typo stops the API at startup rather than blocking browsers later.</summary>
    public static string[] ParseOrigins(string? configured)
    {
        var origins = (string.IsNullOrWhiteSpace(configured) ? DefaultOrigin : configured)
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(o => o.TrimEnd('/'))
            .ToArray();
        var invalid = origins
            .Where(o => !Uri.TryCreate(o, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.PathAndQuery != "/")
            .ToList();
        if (invalid.Count > 0)
        {
            throw new Microsoft.Extensions.Options.OptionsValidationException(
                "Cors",
                typeof(CorsSettings),
                [$"Cors__AllowedOrigins must be a comma-separated list of origins like https://app.example.com; invalid: {string.Join(", ", invalid)}"]);
        }

        return origins;
    }
}
