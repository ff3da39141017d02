using System.Text.Json.Serialization;

namespace EventBooking.WebApi.Http;

/// <summary><c>{"success": true, "data": ...}</c>: every successful answer with a payload.</summary>
public sealed record SuccessEnvelope<T>(T Data)
{
    [JsonPropertyOrder(-1)]
    public bool Success => true;
}
