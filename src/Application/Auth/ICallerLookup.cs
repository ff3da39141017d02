namespace EventBooking.Application.Auth;

/// <summary>
/// The per-request check of a bearer token's user: runs on every authenticated request, so it must be
/// cheap under load. Null when the user no longer exists.
/// </summary>
public interface ICallerLookup
{
    Task<CallerIdentity?> FindAsync(int userId, CancellationToken cancellationToken);
}
