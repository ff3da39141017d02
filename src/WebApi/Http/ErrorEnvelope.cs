using System.Text.Json.Serialization;

namespace EventBooking.WebApi.Http;

/// <summary>
/// <c>{"success": false, "error": {code, message, timestamp, traceId, details?}}</c>: the one error shape
/// of the whole API, whatever went wrong (see docs/adr/0005-error-envelope.md).
/// </summary>
public sealed record ErrorEnvelope(ErrorBody Error)
{
    [JsonPropertyOrder(-1)]
    public bool Success => false;
}

public sealed record ErrorBody(
    string Code,
    string Message,
    DateTime Timestamp,
    string TraceId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<ErrorDetailBody>? Details);

public sealed record ErrorDetailBody(string Field, string Message);

/// <summary>
/// The same error as RFC 9457 Problem Details (<c>application/problem+json</c>), for a client that asks for it in
/// <c>Accept</c>: <c>type</c> is <c>about:blank</c>, so <c>title</c> is the status's reason phrase; the envelope's
/// <c>code</c>, <c>timestamp</c>, <c>traceId</c> and <c>details</c> are extension members with the same values.
/// </summary>
public sealed record ErrorProblem(
    string Type,
    string Title,
    int Status,
    string Detail,
    string Instance,
    string Code,
    DateTime Timestamp,
    string TraceId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<ErrorDetailBody>? Details)
{
    public const string MediaType = "application/problem+json";

    public static ErrorProblem From(ErrorBody error, int status, string instance) => new(
        "about:blank",
        Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status),
        status,
        error.Message,
        instance,
        error.Code,
        error.Timestamp,
        error.TraceId,
        error.Details);
}
