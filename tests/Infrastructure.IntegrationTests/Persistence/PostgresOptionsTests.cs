using EventBooking.Infrastructure.Persistence;
using Npgsql;

namespace EventBooking.Infrastructure.IntegrationTests.Persistence;

public sealed class PostgresOptionsTests
{
    [Fact]
    public void Normalize_ShouldRunSessionsInUtc_PrepareFrequentStatements_AndSkipThePoolsReset()
    {
        var normalized = new NpgsqlConnectionStringBuilder(PostgresOptions.Normalize("Host=db;Database=eventbooking;Timezone=Europe/Paris"));

        Assert.Equal("UTC", normalized.Timezone);
        Assert.Equal(64, normalized.MaxAutoPrepare);
        Assert.Equal(2, normalized.AutoPrepareMinUsages);
        Assert.True(normalized.NoResetOnClose);
        Assert.Equal("db", normalized.Host);
    }

    [Theory]
    [InlineData("Host=db;No Reset On Close=false")]
    [InlineData("Host=db;NoResetOnClose=False")]
    public void Normalize_WhenTheOperatorAskedForTheReset_ShouldKeepIt(string connectionString)
    {
        var normalized = new NpgsqlConnectionStringBuilder(PostgresOptions.Normalize(connectionString));

        Assert.False(normalized.NoResetOnClose);
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0", 0)] // e.g. behind PgBouncer in transaction mode
    [InlineData("Host=db;MaxAutoPrepare=5", 5)]
    [InlineData("Host=db;max auto prepare=7", 7)]
    public void Normalize_WhenTheOperatorChoseAutoPreparation_ShouldKeepTheirChoice(string connectionString, int expected)
    {
        var normalized = new NpgsqlConnectionStringBuilder(PostgresOptions.Normalize(connectionString));

        Assert.Equal(expected, normalized.MaxAutoPrepare);
    }

    [Fact]
    public void Normalize_WhenOnlyTheMinimumUsageIsSet_ShouldStillPrepareAndKeepThatMinimum()
    {
        var normalized = new NpgsqlConnectionStringBuilder(PostgresOptions.Normalize("Host=db;Auto Prepare Min Usages=5"));

        Assert.Equal(64, normalized.MaxAutoPrepare);
        Assert.Equal(5, normalized.AutoPrepareMinUsages);
    }
}
