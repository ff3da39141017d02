using EventBooking.Application.Common.Interfaces;
using EventBooking.Infrastructure.Seats;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace EventBooking.Infrastructure.Persistence.Seeding;

/// <summary>
/// Loads the seed data of contract section 7. Idempotent: whatever already exists (users by email,
/// events by name, bookings by id) is left alone, so running it twice duplicates nothing. Bookings go
/// through <c>create_booking</c> so seat counts and audit rows are right. The past event is inserted
/// directly, as the API (rightly) refuses past dates.
/// </summary>
internal sealed class DatabaseSeeder(
    EventBookingDbContext db, IPasswordHasher passwordHasher, TimeProvider clock, ILogger<DatabaseSeeder> logger)
{
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        // Raw SQL sends UTC DateTimes as timestamptz; the session time zone is UTC, so they land unchanged.
        var now = clock.GetUtcNow().UtcDateTime;
        var missingUsers = new List<SeedData.SeedUser>();
        foreach (var user in SeedData.Users)
        {
            if (!await db.Users.AnyAsync(u => u.Email == user.Email, cancellationToken))
            {
                missingUsers.Add(user);
            }
        }

        // bcrypt costs ~0.2 s a hash: compute them before the transaction rather than while holding it.
        var hashes = new Dictionary<string, string>();
        foreach (var user in missingUsers)
        {
            hashes[user.Email] = await passwordHasher.HashAsync(SeedData.Password, cancellationToken);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Two seeders at once (two instances starting) queue here instead of racing on NOT EXISTS checks.
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext('eventbooking:seed'))", cancellationToken);

        foreach (var user in missingUsers)
        {
            await db.Database.ExecuteSqlAsync(
                $"""
                INSERT INTO users (email, name, password_hash, role, created_at, updated_at)
                VALUES ({user.Email}, {user.Name}, {hashes[user.Email]}, {user.Role}, {now}, {now})
                ON CONFLICT (email) DO NOTHING
                """,
                cancellationToken);
        }

        var adminId = await db.Users
            .Where(u => u.Email == SeedData.AdminEmail)
            .Select(u => u.Id)
            .SingleAsync(cancellationToken);

        foreach (var seedEvent in SeedData.Events)
        {
            var eventDate = seedEvent.Date(now);
            await SeatSeeding.AddEventIfMissingAsync(db, seedEvent, eventDate, adminId, now, cancellationToken);
        }

        var booked = 0;
        foreach (var booking in SeedData.Bookings)
        {
            booked += await SeatSeeding.BookIfMissingAsync(db, booking, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation(
            "Seed data loaded: {Users} users and {Bookings} bookings added ({Events} events checked)",
            missingUsers.Count,
            booked,
            SeedData.Events.Count);
    }
}
