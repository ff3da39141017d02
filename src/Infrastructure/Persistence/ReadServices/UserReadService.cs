using EventBooking.Application.Auth;
using EventBooking.Application.Users;
using Mapster;
using Microsoft.EntityFrameworkCore;

namespace EventBooking.Infrastructure.Persistence.ReadServices;

internal sealed class UserReadService(EventBookingDbContext db, TypeAdapterConfig mappings) : IUserReadService
{
    // Runs on every authenticated request (the per-request user check), so it is compiled once.
    private static readonly Func<EventBookingDbContext, int, CancellationToken, Task<AuthUserResponse?>> FindById =
        EF.CompileAsyncQuery((EventBookingDbContext context, int id, CancellationToken _) =>
            context.Users
                .Where(u => u.Id == id)
                .Select(u => new AuthUserResponse(u.Id, u.Email, u.Name, u.Role))
                .FirstOrDefault());

    public Task<AuthUserResponse?> FindAsync(int userId, CancellationToken cancellationToken) =>
        FindById(db, userId, cancellationToken);

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
