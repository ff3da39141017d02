using EventBooking.Application.Common.Interfaces;
using EventBooking.Infrastructure.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace EventBooking.Infrastructure.IntegrationTests.Persistence;

/// <summary>How real PostgreSQL failures are classified: outage (503), text it cannot store (400), or a bug (500).</summary>
public sealed class PostgresFailuresTests(DatabaseFixture database) : DatabaseTest(database)
{
    private IDatabaseFailures Failures => Database.Services.GetRequiredService<IDatabaseFailures>();

    [Fact]
    public async Task IsUnavailable_WhenTheServerRefusesTheConnection_ShouldBeTrue()
    {
        var refused = await CaptureAsync(async () =>
        {
            // Port 1 on the loopback: nothing listens there, so the connection is refused at once.
            await using var connection = new NpgsqlConnection(
                new NpgsqlConnectionStringBuilder(Database.ConnectionString) { Port = 1, Timeout = 5, Pooling = false }.ConnectionString);
            await connection.OpenAsync();
        });

        Assert.True(Failures.IsUnavailable(refused));
        Assert.False(Failures.IsInvalidText(refused));
    }

    [Fact]
    public async Task IsUnavailable_WhenTheOutageIsWrappedInAnotherException_ShouldStillBeTrue()
    {
        var refused = await CaptureAsync(async () =>
        {
            await using var connection = new NpgsqlConnection(
                new NpgsqlConnectionStringBuilder(Database.ConnectionString) { Port = 1, Timeout = 5, Pooling = false }.ConnectionString);
            await connection.OpenAsync();
        });

        Assert.True(Failures.IsUnavailable(new InvalidOperationException("A transient failure.", refused)));
    }

    [Fact]
    public async Task IsInvalidText_WhenTextHasANulCharacter_ShouldBeTrue()
    {
        var nul = await CaptureAsync(() => InsertUserAsync("nul\0@example.com"));

        Assert.True(Failures.IsInvalidText(nul));
        Assert.False(Failures.IsUnavailable(nul));
    }

    [Fact]
    public async Task IsUnavailableAndIsInvalidText_WhenAUniqueConstraintIsViolated_ShouldBothBeFalse()
    {
        await InsertUserAsync("twice@example.com");

        var duplicate = await CaptureAsync(() => InsertUserAsync("twice@example.com"));

        Assert.IsType<PostgresException>(duplicate);
        Assert.False(Failures.IsUnavailable(duplicate));
        Assert.False(Failures.IsInvalidText(duplicate));
    }

    [Fact]
    public void IsUnavailableAndIsInvalidText_WhenTheExceptionIsNotTheDatabases_ShouldBothBeFalse()
    {
        var bug = new InvalidOperationException("Sequence contains no elements");

        Assert.False(Failures.IsUnavailable(bug));
        Assert.False(Failures.IsInvalidText(bug));
    }

    private static async Task<Exception> CaptureAsync(Func<Task> action) =>
        await Record.ExceptionAsync(action) ?? throw new InvalidOperationException("Expected the database to fail.");
}
