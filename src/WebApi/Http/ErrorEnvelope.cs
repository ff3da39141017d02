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
