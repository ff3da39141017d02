namespace EventBooking.WebApi.RateLimiting;

/// <summary>The <c>RateLimiting</c> configuration section.</summary>
public sealed class RateLimitingSettings
{
    public const string SectionName = "RateLimiting";

    public bool Enabled { get; set; } = true;

    /// <summary>General limit per client (user when signed in, else IP address).</summary>
    public int PermitsPerMinute { get; set; } = 100;

    /// <summary>Limit per client IP address on login and register.</summary>
    public int AuthPermitsPerMinute { get; set; } = 10;

    /// <summary>
    /// Door check-ins per scanning account, instead of the general limit: a door scans a ticket every few seconds,
    /// and several doors may share the organiser's account. 1,200 a minute is 20 a second.
    /// </summary>
    public int CheckInPermitsPerMinute { get; set; } = 1200;
}
