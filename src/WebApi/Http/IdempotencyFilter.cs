using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EventBooking.Application.Common.Idempotency;
using EventBooking.Application.Common.Interfaces;
using EventBooking.Domain.Common;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace EventBooking.WebApi.Http;

/// <summary>
/// Retry-safe POSTs. With an <c>Idempotency-Key</c> header (1..100 printable characters) the first
/// request's answer (status and body) is stored and replayed for the same user and key for 24 hours,
/// without running the use case again. The same key with a different body is 422; while the first
/// request is still running, 409 with <c>Retry-After: 1</c>. Answers of 5xx (and exceptions) are not stored, so a retry runs again.
/// </summary>
internal sealed class IdempotencyFilter(
    IIdempotencyStore store,
    ICurrentUser currentUser,
    IOptions<JsonOptions> json,
    TimeProvider clock,
    Application.Common.Telemetry.EventBookingMetrics metrics) : IEndpointFilter
{
    public const string HeaderName = "Idempotency-Key";
    public const string ReplayedHeaderName = "Idempotency-Replayed";
    public const int MaxKeyLength = 100;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!http.Request.Headers.TryGetValue(HeaderName, out var values))
        {
            return await next(context);
        }

        var key = values.ToString();
        if (values.Count != 1 || key.Length is 0 or > MaxKeyLength || key.Any(c => c is < '!' or > '~'))
        {
            return new ErrorResult(Error.Validation(
                $"{HeaderName} must be 1 to {MaxKeyLength} printable characters",
                [new ErrorDetail(HeaderName, $"{HeaderName} must be 1 to {MaxKeyLength} printable characters")]));
        }

        var claim = await store.ClaimAsync(currentUser.Id, key, HashArguments(context), http.RequestAborted);
        switch (claim.State)
        {
            case IdempotencyClaimState.Completed:
                http.Response.Headers[ReplayedHeaderName] = "true";
                metrics.IdempotentReplay();
                return Results.Content(claim.ResponseBody, "application/json", Encoding.UTF8, claim.StatusCode);
            case IdempotencyClaimState.InProgress:
                // Worth asking again shortly: it completes, or its instance dies and the key is taken over at once.
                http.Response.Headers.RetryAfter = "1";
                return new ErrorResult(Error.Conflict("A request with this Idempotency-Key is in progress"));
            case IdempotencyClaimState.DifferentRequest:
                return new StatusErrorResult(
                    clock,
                    StatusCodes.Status422UnprocessableEntity,
                    "IDEMPOTENCY_KEY_REUSED",
                    "This Idempotency-Key was already used with a different request");
        }

        try
        {
            var result = await next(context);
            var (statusCode, body) = Render(http, result);
            if (statusCode >= 500)
            {
                await store.ReleaseAsync(currentUser.Id, key, CancellationToken.None);
            }
            else
            {
                await store.CompleteAsync(currentUser.Id, key, statusCode, body, CancellationToken.None);
            }

            // The stored answer is the envelope (what a replay sends); this client asked for Problem Details.
            return result is ErrorResult && ErrorResponses.WantsProblemDetails(http.Request)
                ? result
                : Results.Content(body, "application/json", Encoding.UTF8, statusCode);
        }
        catch
        {
            await store.ReleaseAsync(currentUser.Id, key, CancellationToken.None);
            throw;
        }
    }

    /// <summary>The request as bound (its contract objects), hashed: equal bodies hash equally whatever their formatting.</summary>
    private string HashArguments(EndpointFilterInvocationContext context)
    {
        var contracts = context.Arguments.Where(a => a?.GetType().Namespace?.StartsWith("EventBooking.WebApi.Contracts", StringComparison.Ordinal) == true);
        var canonical = JsonSerializer.SerializeToUtf8Bytes(contracts, json.Value.SerializerOptions);
        return Convert.ToHexStringLower(SHA256.HashData(canonical));
    }

    /// <summary>The endpoint's answer as the status and JSON body that will be sent, so the replay is byte for byte the same.</summary>
    private (int StatusCode, string Body) Render(HttpContext http, object? result) => result switch
    {
        ErrorResult error => (
            ErrorResponses.StatusCodeFor(error.Error.Type),
            JsonSerializer.Serialize(ErrorResponses.Build(http, clock, error.Error.Code, error.Error.Message, error.Error.Details), json.Value.SerializerOptions)),
        IValueHttpResult { Value: var value } and IStatusCodeHttpResult { StatusCode: var status } => (
            status ?? StatusCodes.Status200OK,
            JsonSerializer.Serialize(value, value?.GetType() ?? typeof(object), json.Value.SerializerOptions)),
        _ => throw new InvalidOperationException($"Idempotent endpoints must answer with JSON, not {result?.GetType().Name}."),
    };

    /// <summary>An error envelope with a status and code of its own (422 <c>IDEMPOTENCY_KEY_REUSED</c>): not a domain error.</summary>
    private sealed class StatusErrorResult(TimeProvider clock, int statusCode, string code, string message) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext) => ErrorResponses.WriteAsync(httpContext, clock, statusCode, code, message);
    }
}
