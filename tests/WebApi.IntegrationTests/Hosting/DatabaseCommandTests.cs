using EventBooking.WebApi.IntegrationTests.Support;
using Npgsql;

namespace EventBooking.WebApi.IntegrationTests.Hosting;

/// <summary><c>dotnet run --project src/WebApi -- migrate | seed | reset</c>, through the real entry point.</summary>
[Collection(ApiCollection.Name)]
public sealed class DatabaseCommandTests(DatabaseFixture database) : IAsyncLifetime
{
    public Task InitializeAsync() => database.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData(new[] { "migrate", "--urls", "http://127.0.0.1:0" }, "migrate", new[] { "--urls", "http://127.0.0.1:0" })]
    [InlineData(new[] { "SEED" }, "seed", new string[0])]
    [InlineData(new[] { "--urls", "http://127.0.0.1:0" }, null, new[] { "--urls", "http://127.0.0.1:0" })]
    [InlineData(new string[0], null, new string[0])]
    public void Split_ShouldSeparateALeadingCommandFromHostArguments(string[] args, string? command, string[] hostArgs)
    {
        var (actualCommand, actualHostArgs) = DatabaseCommands.Split(args);

        Assert.Equal(command, actualCommand);
        Assert.Equal(hostArgs, actualHostArgs);
    }

    [Fact]
    public async Task Seed_ThroughTheEntryPoint_ShouldExitZeroAndLoadTheSeedDataOnce()
    {
        Assert.Equal(0, RunEntryPoint("seed", database.ConnectionString));
        Assert.Equal(0, RunEntryPoint("seed", database.ConnectionString));

        await using var command = database.DataSource.CreateCommand(
            "SELECT (SELECT count(*) FROM users) || '/' || (SELECT count(*) FROM events) || '/' || (SELECT count(*) FROM bookings)");
        Assert.Equal("4/6/5", (string?)await command.ExecuteScalarAsync());
    }

    [Fact]
    public void Migrate_WhenTheDatabaseCannotBeReached_ShouldExitOneInsteadOfCrashing()
    {
        var unreachable = new NpgsqlConnectionStringBuilder(database.ConnectionString)
        {
            Host = "127.0.0.1",
            Port = 1,
            Timeout = 2,
        }.ConnectionString;

        Assert.Equal(1, RunEntryPoint("migrate", unreachable));
    }

    private static int RunEntryPoint(string command, string connectionString)
    {
        var entryPoint = typeof(Program).Assembly.EntryPoint!;
        string[] args = [command, $"--ConnectionStrings:Default={connectionString}"];
        return (int)entryPoint.Invoke(null, [args])!;
    }
}
