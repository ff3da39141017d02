using EventBooking.Application.Auth;
using EventBooking.Application.Common.Paging;
using EventBooking.Application.Users;
using EventBooking.Infrastructure.Concurrency;
using Mapster;
using Microsoft.EntityFrameworkCore;

namespace EventBooking.Infrastructure.Persistence.ReadServices;

internal sealed class UserReadService(EventBookingDbContext db, TypeAdapterConfig mappings, CoalescingLookup<int, CallerIdentity> callers)
    : IUserReadService
{
    /// <summary>
    /// Runs on every authenticated request (the per-request user check): read after this call began, in one
    /// query with the concurrent requests' checks (<see cref="CoalescingLookup{TKey, TValue}"/>).
    /// </summary>
    public async Task<AuthUserResponse?> FindAsync(int userId, CancellationToken cancellationToken) =>
        await callers.ReadAsync(userId, cancellationToken) is { } caller
            ? new AuthUserResponse(caller.Id, caller.Email, caller.Name, caller.Role)
            : null;

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
        return new UserListResponse(users, total, Paging.HasMore(offset, users.Count, total));
    }
}
