using EventBooking.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace EventBooking.Infrastructure.Persistence.Repositories;

internal sealed class UserRepository(EventBookingDbContext db) : IUserRepository
{
    private const string EmailUniqueConstraint = "users_email_unique";

    public Task<User?> GetByIdAsync(int id, CancellationToken cancellationToken) =>
        db.Users.SingleOrDefaultAsync(u => u.Id == id, cancellationToken);

    public Task<User?> GetByEmailAsync(string normalizedEmail, CancellationToken cancellationToken) =>
        db.Users.SingleOrDefaultAsync(u => u.Email == normalizedEmail, cancellationToken);

    public Task<bool> EmailExistsAsync(string normalizedEmail, CancellationToken cancellationToken) =>
        db.Users.AnyAsync(u => u.Email == normalizedEmail, cancellationToken);

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
