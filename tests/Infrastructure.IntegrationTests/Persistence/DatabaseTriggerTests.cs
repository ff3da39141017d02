using EventBooking.Infrastructure.IntegrationTests.Support;
using Npgsql;

namespace EventBooking.Infrastructure.IntegrationTests.Persistence;

public sealed class DatabaseTriggerTests(DatabaseFixture database) : DatabaseTest(database)
{
    [Fact]
    public async Task UpdatingAnEvent_ShouldStampUpdatedAtInTheDatabase()
    {
        var eventId = await InsertEventAsync(seats: 5);
        await ExecuteAsync("UPDATE events SET updated_at = '2000-01-01' WHERE id = $1", eventId);
        var before = await ScalarAsync<DateTime>("SELECT timezone('utc', now())");

        await ExecuteAsync("UPDATE events SET name = 'Renamed' WHERE id = $1", eventId);

        var updatedAt = await ScalarAsync<DateTime>("SELECT updated_at FROM events WHERE id = $1", eventId);
        Assert.InRange(updatedAt, before.AddSeconds(-5), before.AddSeconds(5));
    }

    [Fact]
    public async Task UpdatingAUser_ShouldStampUpdatedAtInTheDatabase()
    {
        var userId = await InsertUserAsync("john@example.com");
        await ExecuteAsync("UPDATE users SET updated_at = '2000-01-01' WHERE id = $1", userId);

        await ExecuteAsync("UPDATE users SET name = 'John' WHERE id = $1", userId);

        var updatedAt = await ScalarAsync<DateTime>("SELECT updated_at FROM users WHERE id = $1", userId);
        Assert.True(updatedAt.Year > 2000, $"updated_at was not stamped: {updatedAt:O}");
    }

    [Theory]
    [InlineData("UPDATE booking_logs SET action = 'forged'")]
    [InlineData("DELETE FROM booking_logs")]
    public async Task ChangingTheAuditLog_ShouldBeRefused(string statement)
    {
        var userId = await InsertUserAsync("john@example.com");
        var eventId = await InsertEventAsync(seats: 5);
        Assert.True(await CreateBookingAsync(userId, eventId, "BK-TEST-001"));

        var error = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(statement));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
        Assert.Equal("created", await ScalarAsync<string>("SELECT action FROM booking_logs"));
    }

    [Fact]
    public async Task DeletingAnEvent_ShouldCascadeToBookingsButKeepTheAuditRows()
    {
        var userId = await InsertUserAsync("john@example.com");
        var eventId = await InsertEventAsync(seats: 5);
        Assert.True(await CreateBookingAsync(userId, eventId, "BK-TEST-001"));
        Assert.True(await CancelBookingAsync("BK-TEST-001"));

        await ExecuteAsync("DELETE FROM events WHERE id = $1", eventId);

        Assert.Equal(0, await ScalarAsync<int>("SELECT count(*)::int FROM bookings"));
        Assert.Equal(2, await ScalarAsync<int>("SELECT count(*)::int FROM booking_logs"));
    }

    [Fact]
    public async Task DeletingAUser_ShouldCascadeToBookingsAndNullTheEventsCreator()
    {
        var adminId = await InsertUserAsync("admin@example.com", role: "admin");
        var eventId = await InsertEventAsync(seats: 5, createdBy: adminId);
        Assert.True(await CreateBookingAsync(adminId, eventId, "BK-TEST-001"));

        await ExecuteAsync("DELETE FROM users WHERE id = $1", adminId);

        Assert.Equal(0, await ScalarAsync<int>("SELECT count(*)::int FROM bookings"));
        Assert.True(await ScalarAsync<bool>("SELECT created_by IS NULL FROM events WHERE id = $1", eventId));
    }

    [Fact]
    public async Task TruncatingTheAuditLog_ShouldStillWorkForAFullReset()
    {
        var userId = await InsertUserAsync("john@example.com");
        var eventId = await InsertEventAsync(seats: 5);
        Assert.True(await CreateBookingAsync(userId, eventId, "BK-TEST-001"));

        await ExecuteAsync("TRUNCATE booking_logs");

        Assert.Equal(0, await ScalarAsync<int>("SELECT count(*)::int FROM booking_logs"));
    }
}
