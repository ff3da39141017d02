namespace EventBooking.Infrastructure.Seats;

/// <summary>Configuration section <c>Waitlist</c>: how long an offer holds a seat, and how often expired offers are passed on.</summary>
internal sealed class WaitlistOptions
{
    public const string SectionName = "Waitlist";

    /// <summary>How long the first waiting user may take to accept a freed seat. Env: <c>Waitlist__OfferSeconds</c>.</summary>
    public int OfferSeconds { get; set; } = 900;

    /// <summary>How often each instance looks for expired offers (and free seats nobody was offered). Env: <c>Waitlist__ExpiryCheckSeconds</c>.</summary>
    public double ExpiryCheckSeconds { get; set; } = 5;
}
