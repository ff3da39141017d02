using EventBooking.Application.Common.Interfaces;
using EventBooking.Domain.Users;
using EventBooking.Infrastructure.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace EventBooking.Infrastructure.IntegrationTests.Repositories;

public sealed class UserRepositoryTests(DatabaseFixture database) : DatabaseTest(database)
{
    private static readonly DateTime Now = new(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task TryAddAsync_WhenEmailIsFree_ShouldStoreTheUser()
    {
        await using var scope = Database.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<IUserRepository>();

        var added = await users.TryAddAsync(User.Register("New@Example.com", "New", "hash", Now), CancellationToken.None);

        Assert.True(added);
        Assert.Equal("new@example.com", await ScalarAsync<string>("SELECT email FROM users"));
    }

    [Fact]
    public async Task TryAddAsync_WhenManyRegisterTheSameEmailAtOnce_ShouldStoreExactlyOne()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var attempts = Enumerable.Range(0, 10).Select(async i =>
        {
            await gate.Task;
            await using var scope = Database.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<IUserRepository>();
            return await users.TryAddAsync(User.Register("race@example.com", $"Racer {i}", "hash", Now), CancellationToken.None);
        }).ToList();
        gate.SetResult();
        var results = await Task.WhenAll(attempts);

        Assert.Equal(1, results.Count(added => added));
        Assert.Equal(1, await ScalarAsync<int>("SELECT count(*)::int FROM users"));
    }

    [Fact]
    public async Task CountAdminsForUpdateAsync_ShouldCountAdminsAndHoldTheirRowsUntilCommit()
    {
        await InsertUserAsync("a1@example.com", role: "admin");
        await InsertUserAsync("a2@example.com", role: "admin");
        await InsertUserAsync("u@example.com");
        await using var scope = Database.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<IUserRepository>();
        var unitOfWork = scope.ServiceProvider.GetRequiredService<IUnitOfWork>();

        await using (var transaction = await unitOfWork.BeginTransactionAsync(CancellationToken.None))
        {
            Assert.Equal(2, await users.CountAdminsForUpdateAsync(CancellationToken.None));

            // Another session cannot change an admin row while the lock is held.
            var blocked = await ScalarAsync<bool>(
                """
                SELECT NOT EXISTS (SELECT 1 FROM users WHERE role = 'admin' FOR UPDATE SKIP LOCKED)
                """);
            Assert.True(blocked);
            await transaction.CommitAsync(CancellationToken.None);
        }

        Assert.False(await ScalarAsync<bool>(
            "SELECT NOT EXISTS (SELECT 1 FROM users WHERE role = 'admin' FOR UPDATE SKIP LOCKED)"));
    }
}
