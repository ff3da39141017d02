using EventBooking.Application.Auth;
using EventBooking.Application.Users;

namespace EventBooking.Infrastructure.Authentication;

/// <summary>
/// The caller check through the batched user read (one query for the concurrent requests' checks),
/// mapped from its response shape to the caller's identity.
/// </summary>
internal sealed class CallerLookup(IUserReadService users) : ICallerLookup
{
    public async Task<CallerIdentity?> FindAsync(int userId, CancellationToken cancellationToken) =>
        await users.FindAsync(userId, cancellationToken) is { } user
            ? new CallerIdentity(user.Id, user.Email, user.Name, user.Role)
            : null;
}
