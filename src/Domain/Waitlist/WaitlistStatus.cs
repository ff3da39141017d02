namespace EventBooking.Domain.Waitlist;

/// <summary>
/// Where a waiting-list entry stands. <see cref="Waiting"/> and <see cref="Offered"/> are live (at most one per user and
/// event); the others are final. An <see cref="Offered"/> entry holds one seat until its offer expires.
/// </summary>
public static class WaitlistStatus
{
    public const string Waiting = "waiting";
    public const string Offered = "offered";
    public const string Accepted = "accepted";
    public const string Expired = "expired";
    public const string Declined = "declined";
    public const string Left = "left";

    /// <summary>
    /// The status a reader sees at <paramref name="now"/>: an offer past its expiry is expired even before the expiry
    /// worker has released its seat.
    /// </summary>
    public static string AsOf(string stored, DateTime? offerExpiresAt, DateTime now) =>
        stored == Offered && offerExpiresAt <= now ? Expired : stored;
}
