using EventBooking.Application.Auth;
using EventBooking.Infrastructure.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace EventBooking.Infrastructure.IntegrationTests.Authentication;

/// <summary>The per-request caller check: who the users table says the caller is now.</summary>
public sealed class CallerLookupTests(DatabaseFixture database) : DatabaseTest(database)
{
    [Fact]
    public async Task FindAsync_WhenTheUserExists_ShouldReturnTheirCurrentIdentity()
    {
        var id = await InsertUserAsync("boss@example.com", role: "admin");

        var caller = await FindAsync(id);

        Assert.Equal(new CallerIdentity(id, "boss@example.com", "Test boss@example.com", "admin"), caller);
        Assert.True(caller!.IsAdmin);
    }

    [Fact]
    public async Task FindAsync_WhenTheRoleChangedSinceTheLastCheck_ShouldReturnTheNewRole()
    {
        var id = await InsertUserAsync("demoted@example.com", role: "admin");
        await ExecuteAsync("UPDATE users SET role = 'user' WHERE id = $1", id);

        var caller = await FindAsync(id);

        Assert.Equal("user", caller?.Role);
        Assert.False(caller!.IsAdmin);
    }

    [Fact]
    public async Task FindAsync_WhenTheUserWasDeleted_ShouldReturnNull()
    {
        var id = await InsertUserAsync("gone@example.com");
        await ExecuteAsync("DELETE FROM users WHERE id = $1", id);

        Assert.Null(await FindAsync(id));
    }

    private async Task<CallerIdentity?> FindAsync(int userId)
    {
        await using var scope = Database.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ICallerLookup>().FindAsync(userId, CancellationToken.None);
    }
}
