using EventBooking.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace EventBooking.Infrastructure.Persistence.Repositories;

// CA1862 suggests string.Equals(..., OrdinalIgnoreCase), which EF cannot translate; ToLower() becomes
// SQL lower(), which is what the expression index serves.
#pragma warning disable CA1862
internal sealed class UserRepository(EventBookingDbContext db) : IUserRepository
{
    private const string EmailUniqueConstraint = "users_email_unique";

    public Task<User?> GetByIdAsync(int id, CancellationToken cancellationToken) =>
        db.Users.SingleOrDefaultAsync(u => u.Id == id, cancellationToken);

    // Compared lower-cased (index idx_users_email_lower): we store emails lower-case, but rows written by the
    // old server may not be. Should two old rows differ only in case, the exact match wins, then the oldest.
    public Task<User?> GetByEmailAsync(string normalizedEmail, CancellationToken cancellationToken) =>
        db.Users
            .Where(u => u.Email.ToLower() == normalizedEmail)
            .OrderBy(u => u.Email == normalizedEmail ? 0 : 1)
            .ThenBy(u => u.Id)
            .FirstOrDefaultAsync(cancellationToken);

    public Task<bool> EmailExistsAsync(string normalizedEmail, CancellationToken cancellationToken) =>
        db.Users.AnyAsync(u => u.Email.ToLower() == normalizedEmail, cancellationToken);

    public async Task<bool> TryAddAsync(User user, CancellationToken cancellationToken)
    {
        db.Users.Add(user);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException
        {
            SqlState: PostgresErrorCodes.UniqueViolation,
            ConstraintName: EmailUniqueConstraint,
        })
        {
            db.Entry(user).State = EntityState.Detached;
            return false;
        }
    }

    public Task<int> CountAdminsForUpdateAsync(CancellationToken cancellationToken) =>
        db.Database
            .SqlQuery<int>(
                $"""
                SELECT count(*)::int AS "Value"
                FROM (SELECT 1 FROM users WHERE role = {Roles.Admin} FOR UPDATE) AS admins
                """)
            .SingleAsync(cancellationToken);
}
#pragma warning restore CA1862
