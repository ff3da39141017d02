namespace EventBooking.WebApi.Hosting;

/// <summary>The start-up warm-up (<c>WarmUp</c> section; docs/adr/0024, docs/operations.md).</summary>
public sealed class WarmUpOptions
{
    public const string SectionName = "WarmUp";

    /// <summary>Whether a new instance warms up before <c>/health/ready</c> answers 200. Env: <c>WarmUp__Enabled</c>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// How many requests the warm-up sends to the instance's own HTTP address, and how many absent-event bookings it
    /// runs through the booking queue. Env: <c>WarmUp__Requests</c>.
    /// </summary>
    public int Requests { get; set; } = 3000;

    /// <summary>The most the warm-up may take; the instance turns ready then, warm or not. Env: <c>WarmUp__MaxSeconds</c>.</summary>
    public int MaxSeconds { get; set; } = 20;
}
