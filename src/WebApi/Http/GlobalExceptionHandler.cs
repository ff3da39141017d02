using System.Text.Json;
using System.Text.RegularExpressions;
using EventBooking.Application.Common.Exceptions;
using EventBooking.Application.Common.Interfaces;
using EventBooking.Domain.Common;
using EventBooking.WebApi.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace EventBooking.WebApi.Http;

/// <summary>
/// The single place that turns exceptions into answers. A malformed request (bad JSON, wrong content
/// type, too large) is the client's 4xx; an unreachable database is 503; anything else is a bug: 500,
/// logged once here with the trace id, and never a word of the exception in the response.
/// </summary>
internal sealed partial class GlobalExceptionHandler(
    IDatabaseFailures databaseFailures, TimeProvider clock, ILogger<GlobalExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>While the database is down every request fails the same way: one stack trace per 10 seconds is enough.</summary>
    private readonly OncePerWindow _unavailableLog = new(clock, TimeSpan.FromSeconds(10));

    /// <summary>A burst refused for being busy (503) is logged once per 10 s too: thousands of lines would cost CPU when there is none to spare.</summary>
    private readonly OncePerWindow _busyLog = new(clock, TimeSpan.FromSeconds(10));

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is nobody to answer.
            return true;
        }

        switch (exception)
        {
            case BadHttpRequestException badRequest:
                await WriteBadRequestAsync(httpContext, badRequest);
                break;
            case ServiceBusyException busy:
                if (_busyLog.TryPass(out var refused))
                {
                    LogBusy(logger, httpContext.Request.Path, refused);
                }

                httpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(busy.RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                await ErrorResponses.WriteAsync(
                    httpContext, clock, StatusCodes.Status503ServiceUnavailable, ErrorCodes.ServiceUnavailable, "The server is busy, please retry shortly");
                break;
            case var _ when databaseFailures.IsInvalidText(exception):
                await ErrorResponses.WriteAsync(
                    httpContext, clock, StatusCodes.Status400BadRequest, ErrorCodes.Validation, "Text must be valid UTF-8 without NUL characters");
                break;
            case var _ when databaseFailures.IsUnavailable(exception):
                if (_unavailableLog.TryPass(out var skipped))
                {
                    LogDatabaseUnavailable(logger, exception, ErrorResponses.TraceId(httpContext), skipped);
                }

                httpContext.Response.Headers.RetryAfter = "5";
                await ErrorResponses.WriteAsync(
                    httpContext, clock, StatusCodes.Status503ServiceUnavailable, ErrorCodes.ServiceUnavailable, "The service is temporarily unavailable, please retry shortly");
                break;
            default:
                LogUnhandled(logger, exception, httpContext.Request.Method, httpContext.Request.Path, ErrorResponses.TraceId(httpContext));
                await ErrorResponses.WriteAsync(
                    httpContext, clock, StatusCodes.Status500InternalServerError, ErrorCodes.Internal, "An unexpected error occurred");
                break;
        }

        return true;
    }

    private Task WriteBadRequestAsync(HttpContext context, BadHttpRequestException exception) =>
        exception.StatusCode switch
        {
            StatusCodes.Status413PayloadTooLarge => RequestBodyLimits.WriteTooLargeAsync(context, clock),
            StatusCodes.Status415UnsupportedMediaType => ErrorResponses.WriteAsync(
                context, clock, StatusCodes.Status415UnsupportedMediaType, ErrorCodes.UnsupportedMediaType, StatusCodeEnvelopes.UnsupportedMediaTypeMessage(context)),
            _ => ErrorResponses.WriteAsync(
                context, clock, StatusCodes.Status400BadRequest, ErrorCodes.Validation, DescribeBadRequest(exception, out var details), details),
        };

    /// <summary>A sentence for the client, built from what failed, never from the exception's own text.</summary>
    private static string DescribeBadRequest(BadHttpRequestException exception, out IReadOnlyList<ErrorDetail>? details)
    {
        details = null;
        if (exception.InnerException is JsonException json)
        {
            // The reader's own exception inside means the text is not JSON at all (truncated, stray characters).
            if (json.InnerException is JsonException)
            {
                return "Request body is not valid JSON";
            }

            var field = FieldFromJsonPath(json.Path);
            if (field is not null && json is JsonInputException input)
            {
                // The same words as the form's answer for the same mistake (EventRequestReader).
                var rule = $"{JsonInputException.FieldInWords(field)} {input.Requirement}";
                details = [new ErrorDetail(field, rule)];
                return rule;
            }

            if (field is not null)
            {
                details = [new ErrorDetail(field, $"{field} has an invalid value or type")];
                return $"Request body is invalid: {field} has an invalid value or type";
            }

            return "Request body is not valid JSON";
        }

        var parameter = BindFailure().Match(exception.Message);
        if (parameter.Success)
        {
            var name = parameter.Groups["name"].Value;
            details = [new ErrorDetail(name, $"{name} has an invalid format")];
            return $"Invalid request: {name} has an invalid format";
        }

        if (exception.InnerException is InvalidDataException or IOException)
        {
            return "Request body is not a valid multipart/form-data body";
        }

        return exception.Message.Contains("body", StringComparison.OrdinalIgnoreCase)
            ? "Request body is missing or invalid"
            : "The request is invalid";
    }

    /// <summary><c>$.eventDate</c> -> <c>eventDate</c>; <c>$.user.name</c> -> <c>user.name</c>; <c>$</c> -> null.</summary>
    private static string? FieldFromJsonPath(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? null : path.TrimStart('$', '.');

    [GeneratedRegex("""Failed to bind parameter "(?:\S+ )?(?<name>[A-Za-z0-9_]+)" from""", RegexOptions.CultureInvariant)]
    private static partial Regex BindFailure();

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception on {Method} {Path} (trace {TraceId})")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path, string traceId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Database unavailable (trace {TraceId}); {Skipped} more such failures since the last one logged")]
    private static partial void LogDatabaseUnavailable(ILogger logger, Exception exception, string traceId, int skipped);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Path}: server busy ({Skipped} more refusals since the last one logged)")]
    private static partial void LogBusy(ILogger logger, string path, int skipped);
}
