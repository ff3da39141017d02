using System.Text.Json.Serialization;

namespace EventBooking.WebApi.Http;

/// <summary><c>{"success": true, "message": "..."}</c>: what the two deletes answer.</summary>
public sealed record MessageEnvelope(string Message)
{
    [JsonPropertyOrder(-1)]
    public bool Success => true;
}
