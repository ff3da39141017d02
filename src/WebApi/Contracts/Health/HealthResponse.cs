namespace EventBooking.WebApi.Contracts.Health;

/// <summary>A probe's answer: <c>Healthy</c>, <c>Degraded</c> or <c>Unhealthy</c>, overall and per check (no envelope).</summary>
public sealed record HealthResponse(string Status, IReadOnlyDictionary<string, string> Checks);
