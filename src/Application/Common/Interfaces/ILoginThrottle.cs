namespace EventBooking.Application.Common.Interfaces;

/// <summary>
/// Counts failed logins per account (normalised email, known or not) to stop password guessing that
/// spreads over many clients: after too many failures in a window the account refuses logins for a while.
/// </summary>
public interface ILoginThrottle
{
    /// <summary>How long the account stays locked, or null when logins are allowed.</summary>
    TimeSpan? LockedFor(string normalizedEmail);

    void RecordFailure(string normalizedEmail);

    void RecordSuccess(string normalizedEmail);
}
