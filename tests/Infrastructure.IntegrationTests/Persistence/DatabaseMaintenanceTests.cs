using EventBooking.Application.Common.Interfaces;
using EventBooking.Infrastructure.IntegrationTests.Support;
using EventBooking.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace EventBooking.Infrastructure.IntegrationTests.Persistence;

/// <summary>The <c>seed</c> and <c>reset</c> commands: contract section 7, idempotent.</summary>
public sealed class DatabaseMaintenanceTests(DatabaseFixture database) : DatabaseTest(database)
{
    [Fact]
    public async Task Seed_OnEmptyDatabase_ShouldLoadTheContractSeedData()
    {
        await RunAsync(m => m.SeedAsync());

        Assert.Equal(
            "admin@example.com:admin,bob@example.com:user,jane@example.com:user,john@example.com:user",
            await ScalarAsync<string>("SELECT string_agg(email || ':' || role, ',' ORDER BY email) FROM users"));
        Assert.Equal(6, await ScalarAsync<int>("SELECT count(*)::int FROM events"));
        Assert.Equal(
            "BK-SEED-001,BK-SEED-002,BK-SEED-003,BK-SEED-004,BK-SEED-005",
            await ScalarAsync<string>("SELECT string_agg(booking_id, ',' ORDER BY booking_id) FROM bookings"));
        Assert.Equal(498, await ScalarAsync<int>("SELECT available_seats FROM events WHERE name = 'Tech Conference 2025'"));
        Assert.Equal(5, await ScalarAsync<int>("SELECT count(*)::int FROM booking_logs WHERE action = 'created'"));
        Assert.True(await ScalarAsync<bool>(
            "SELECT event_date < timezone('utc', now()) FROM events WHERE name = 'Past Event - JavaScript Fundamentals'"));
        Assert.Equal(
            0,
            await ScalarAsync<int>("SELECT count(*)::int FROM events WHERE created_by IS DISTINCT FROM (SELECT id FROM users WHERE email = 'admin@example.com')"));
    }

    [Fact]
    public async Task Seed_WhenRunTwice_ShouldNotDuplicateAnything()
    {
        await RunAsync(m => m.SeedAsync());

        await RunAsync(m => m.SeedAsync());

        Assert.Equal(4, await ScalarAsync<int>("SELECT count(*)::int FROM users"));
        Assert.Equal(6, await ScalarAsync<int>("SELECT count(*)::int FROM events"));
        Assert.Equal(5, await ScalarAsync<int>("SELECT count(*)::int FROM bookings"));
        Assert.Equal(5, await ScalarAsync<int>("SELECT count(*)::int FROM booking_logs"));
        Assert.Equal(498, await ScalarAsync<int>("SELECT available_seats FROM events WHERE name = 'Tech Conference 2025'"));
    }

    [Fact]
    public async Task Seed_ShouldStoreBcryptHashesThatVerifyTheDocumentedPassword()
    {
        await RunAsync(m => m.SeedAsync());

        var hash = await ScalarAsync<string>("SELECT password_hash FROM users WHERE email = 'john@example.com'");
        var hasher = Database.Services.GetRequiredService<IPasswordHasher>();
        Assert.StartsWith("$2b$12$", hash, StringComparison.Ordinal);
        Assert.True(await hasher.VerifyAsync("password123", hash, CancellationToken.None));
        Assert.False(await hasher.VerifyAsync("password124", hash, CancellationToken.None));
    }

    [Fact]
    public async Task Reset_ShouldDropAllDataAndReseed()
    {
        await RunAsync(m => m.SeedAsync());
        await InsertUserAsync("extra@example.com");
        Assert.True(await CancelBookingAsync("BK-SEED-001"));

        await RunAsync(m => m.ResetAsync());

        Assert.Equal(0, await ScalarAsync<int>("SELECT count(*)::int FROM users WHERE email = 'extra@example.com'"));
        Assert.Equal(5, await ConfirmedBookingsTotalAsync());
        Assert.Equal(0, await ScalarAsync<int>("SELECT count(*)::int FROM booking_logs WHERE action = 'cancelled'"));
        Assert.Equal(1, await ScalarAsync<int>("SELECT min(id) FROM users"));
    }

    private Task<int> ConfirmedBookingsTotalAsync() =>
        ScalarAsync<int>("SELECT count(*)::int FROM bookings WHERE status = 'confirmed'");

    private async Task RunAsync(Func<IDatabaseMaintenance, Task> command)
    {
        await using var scope = Database.Services.CreateAsyncScope();
        await command(scope.ServiceProvider.GetRequiredService<IDatabaseMaintenance>());
    }
}
