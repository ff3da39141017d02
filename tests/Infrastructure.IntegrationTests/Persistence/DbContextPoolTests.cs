using EventBooking.Domain.Events;
using EventBooking.Infrastructure.IntegrationTests.Support;
using EventBooking.Infrastructure.Persistence;
using EventBooking.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EventBooking.Infrastructure.IntegrationTests.Persistence;

/// <summary>
/// The context is pooled (every booking request's scope asks for one, and building one cost about 12 % of the API's
/// CPU per booking): a scope gets a context another scope used before, and nothing of that earlier use is left in it.
/// </summary>
public sealed class DbContextPoolTests(DatabaseFixture database) : DatabaseTest(database)
{
    [Fact]
    public async Task ContextOfALaterScope_ShouldBeTheReturnedOne_WithNoTrackedRowsTransactionOrOpenConnectionLeft()
    {
        var adminId = await InsertUserAsync("admin@example.com", role: "admin");
        var now = DateTime.UtcNow;
        // A provider of its own: the fixture's pool holds the contexts of earlier tests, and a pool hands out the oldest.
        await using var services = PostgresFixture.BuildInfrastructure(Database.ConnectionString);
        EventBookingDbContext first;
        await using (var scope = services.CreateAsyncScope())
        {
            first = scope.ServiceProvider.GetRequiredService<EventBookingDbContext>();
            await first.Database.BeginTransactionAsync();
            first.Events.Add(Event.Schedule("Left behind", "never saved", now.AddDays(30), 10, adminId, now).Value);
            await first.Events.AsNoTracking().CountAsync();
        }

        await using (var scope = services.CreateAsyncScope())
        {
            var second = scope.ServiceProvider.GetRequiredService<EventBookingDbContext>();

            Assert.Same(first, second);
            Assert.Empty(second.ChangeTracker.Entries());
            Assert.Null(second.Database.CurrentTransaction);
            Assert.Equal(System.Data.ConnectionState.Closed, second.Database.GetDbConnection().State);
            await second.SaveChangesAsync();
        }

        Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM events WHERE name = 'Left behind'"));
    }
}
