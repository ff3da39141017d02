using System.Diagnostics;
using EventBooking.Domain.Common;
using Microsoft.Net.Http.Headers;

namespace EventBooking.WebApi.Http;

/// <summary>
/// Writes the error envelope. Every error the API answers goes through here, with the clock of the
/// caller (injected there) for the envelope's timestamp.
/// </summary>
internal static class ErrorResponses
{
    public static int StatusCodeFor(ErrorType type) => type switch
    {
        ErrorType.Validation => StatusCodes.Status400BadRequest,
        ErrorType.Unauthorized => StatusCodes.Status401Unauthorized,
        ErrorType.Forbidden => StatusCodes.Status403Forbidden,
        ErrorType.NotFound => StatusCodes.Status404NotFound,
        ErrorType.Conflict => StatusCodes.Status409Conflict,
        ErrorType.PayloadTooLarge => StatusCodes.Status413PayloadTooLarge,
        ErrorType.Unprocessable => StatusCodes.Status422UnprocessableEntity,
        ErrorType.TooManyRequests => StatusCodes.Status429TooManyRequests,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unmapped error type"),
    };

    public static Task WriteAsync(HttpContext context, TimeProvider clock, Error error)
    {
        if (error.RetryAfter is { } wait)
        {
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return WriteAsync(context, clock, StatusCodeFor(error.Type), error.Code, error.Message, error.Details);
    }

    public static Task WriteAsync(
        HttpContext context, TimeProvider clock, int statusCode, string code, string message, IReadOnlyList<ErrorDetail>? details = null)
    {
        context.Response.StatusCode = statusCode;
        context.Response.Headers.CacheControl = "no-store";
        var envelope = Build(context, clock, code, message, details);
        return WantsProblemDetails(context.Request)
            ? context.Response.WriteAsJsonAsync(
                ErrorProblem.From(envelope.Error, statusCode, context.Request.Path.Value ?? "/"), options: null, ErrorProblem.MediaType, context.RequestAborted)
            : context.Response.WriteAsJsonAsync(envelope, context.RequestAborted);
    }

    /// <summary>
    /// Whether the client named <c>application/problem+json</c> in <c>Accept</c>, with a quality above zero and at
    /// least that of <c>application/json</c>. The envelope stays the default (<c>*/*</c>, <c>application/json</c>, no
    /// <c>Accept</c>): existing clients read it.
    /// </summary>
    public static bool WantsProblemDetails(HttpRequest request)
    {
        if (request.Headers.Accept.Count == 0 || !MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted))
        {
            return false;
        }

        double QualityOf(string mediaType) => accepted
            .Where(a => a.MediaType.Equals(mediaType, StringComparison.OrdinalIgnoreCase))
            .Select(a => a.Quality ?? 1)
            .DefaultIfEmpty(0)
            .Max();

        var problem = QualityOf(ErrorProblem.MediaType);
        return problem > 0 && problem >= QualityOf("application/json");
    }

    /// <summary>The envelope itself, stamped with the time and this request's trace id.</summary>
    public static ErrorEnvelope Build(
        HttpContext context, TimeProvider clock, string code, string message, IReadOnlyList<ErrorDetail>? details = null) =>
        new ErrorEnvelope(new ErrorBody(
            code,
            message,
            clock.GetUtcNow().UtcDateTime,
            TraceId(context),
            details is { Count: > 0 } ? details.Select(d => new ErrorDetailBody(d.Field, d.Message)).ToList() : null));

    /// <summary>The W3C trace id when tracing is on (what logs carry), else the connection's request id.</summary>
    public static string TraceId(HttpContext context) =>
        Activity.Current?.TraceId.ToHexString() ?? context.TraceIdentifier;
}
