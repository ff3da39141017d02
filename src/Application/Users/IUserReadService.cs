using EventBooking.Application.Auth;

namespace EventBooking.Application.Users;

/// <summary>Reads users straight into response shapes (no tracking, only the columns needed).</summary>
public interface IUserReadService
{
    Task<AuthUserResponse?> FindAsync(int userId, CancellationToken cancellationToken);

    /// <summary>A page of users ordered by id, and the total count.</summary>
    Task<UserListResponse> ListAsync(int limit, int offset, CancellationToken cancellationToken);
}
