using EventBooking.Application.Auth;
using EventBooking.Application.Users;
using EventBooking.Infrastructure.Concurrency;
using Mapster;
using Microsoft.EntityFrameworkCore;

namespace EventBooking.Infrastructure.Persistence.ReadServices;

internal sealed class UserReadService(EventBookingDbContext db, TypeAdapterConfig mappings, CoalescingLookup<int, AuthUserResponse> users)
    : IUserReadService
{
    /// <summary>
    /// Runs on every authenticated request (the per-request user check): read after this call began, in one
    /// query with the concurrent requests' checks (<see cref="CoalescingLookup{TKey, TValue}"/>).
    /// </summary>
    public Task<AuthUserResponse?> FindAsync(int userId, CancellationToken cancellationToken) =>
        users.ReadAsync(userId, cancellationToken);

    public async Task<UserListResponse> ListAsync(int limit, int offset, CancellationToken cancellationToken)
    {
        var total = await db.Users.CountAsync(cancellationToken);
        var users = await db.Users
            .AsNoTracking()
            .OrderBy(u => u.Id)
            .Skip(offset)
            .Take(limit)
            .ProjectToType<UserListItem>(mappings)
            .ToListAsync(cancellationToken);
        return new UserListResponse(users, total, offset + users.Count < total);
    }
}
