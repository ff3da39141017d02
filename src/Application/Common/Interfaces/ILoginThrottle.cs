namespace EventBooking.Application.Common.Interfaces;

/// <summary>
/// Counts failed logins per account and client (normalised email, known or not, and the client's
/// address): after too many failures in a window that client may not try that account for a while. Keyed
/// by both, so an attacker cannot lock the real owner out by failing on purpose.
/// </summary>
public interface ILoginThrottle
{
    /// <summary>How long <paramref name="client"/> stays locked out of the account, or null when it may log in.</summary>
    TimeSpan? LockedFor(string normalizedEmail, string client);

    void RecordFailure(string normalizedEmail, string client);

    void RecordSuccess(string normalizedEmail, string client);
}
