namespace EventBooking.WebApi.Observability;

/// <summary>The Prometheus scrape endpoint (<c>Metrics</c> section; docs/operations.md).</summary>
public sealed class MetricsOptions
{
    public const string SectionName = "Metrics";

    /// <summary>Whether <see cref="Path"/> answers; the instruments are collected only then.</summary>
    public bool Enabled { get; set; } = true;

    public string Path { get; set; } = "/metrics";

    /// <summary>When set, the endpoint answers only on this local port (add it to <c>ASPNETCORE_URLS</c>), 404 elsewhere.</summary>
    public int? Port { get; set; }

    /// <summary>When set, only clients in these networks (CIDR, comma-separated, e.g. <c>127.0.0.0/8,10.0.0.0/8</c>) get an answer; others 404.</summary>
    public string? AllowedNetworks { get; set; }
}
