namespace EventBooking.WebApi.Http;

/// <summary>Gives the framework's own empty answers (unknown route, wrong method, ...) the error envelope too.</summary>
internal static class StatusCodeEnvelopes
{
    /// <summary>The status code pages' handler, with the injected clock for the envelope's timestamp.</summary>
    public static IServiceCollection AddStatusCodeEnvelopes(this IServiceCollection services)
    {
        services.AddOptions<StatusCodePagesOptions>().Configure<TimeProvider>((options, clock) =>
            options.HandleAsync = context => WriteAsync(context.HttpContext, clock));
        return services;
    }

    /// <summary>ASP.NET Core's status code pages, answering with <see cref="AddStatusCodeEnvelopes"/>' handler.</summary>
    public static IApplicationBuilder UseStatusCodeEnvelopes(this IApplicationBuilder app) => app.UseStatusCodePages();

    private static Task WriteAsync(HttpContext http, TimeProvider clock)
    {
        var (code, message) = http.Response.StatusCode switch
        {
            StatusCodes.Status404NotFound => (ErrorCodes.NotFound, "Route not found"),
            StatusCodes.Status405MethodNotAllowed => (ErrorCodes.MethodNotAllowed, "Method not allowed"),
            StatusCodes.Status415UnsupportedMediaType => (ErrorCodes.UnsupportedMediaType, UnsupportedMediaTypeMessage(http)),
            StatusCodes.Status401Unauthorized => (ErrorCodes.Unauthorized, "Authentication required"),
            StatusCodes.Status403Forbidden => (ErrorCodes.Forbidden, "Access denied"),
            StatusCodes.Status413PayloadTooLarge => (ErrorCodes.PayloadTooLarge, "Request body is too large"),
            StatusCodes.Status429TooManyRequests => (ErrorCodes.RateLimited, "Too many requests"),
            >= 500 => (ErrorCodes.Internal, "An unexpected error occurred"),
            _ => (ErrorCodes.Validation, "The request is invalid"),
        };
        return ErrorResponses.WriteAsync(http, clock, http.Response.StatusCode, code, message);
    }

    /// <summary>Names what the endpoint does accept, e.g. "Content-Type must be application/json or multipart/form-data".</summary>
    public static string UnsupportedMediaTypeMessage(HttpContext context)
    {
        var accepted = context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>()?.ContentTypes;
        return accepted is { Count: > 0 }
            ? $"Content-Type must be {string.Join(" or ", accepted)}"
            : "Content-Type must be application/json";
    }
}
