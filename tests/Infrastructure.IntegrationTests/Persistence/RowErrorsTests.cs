using System.Net.Sockets;
using EventBooking.Infrastructure.Persistence;
using Npgsql;

namespace EventBooking.Infrastructure.IntegrationTests.Persistence;

/// <summary>Which failures of a shared lookup are one row's (read again key by key) and which are the database's.</summary>
public sealed class RowErrorsTests
{
    public static TheoryData<Exception, bool> Failures => new()
    {
        { new InvalidCastException("Column 'role' is null."), true },
        { new InvalidOperationException("Nullable object must have a value."), true },
        { new InvalidOperationException("An exception has been raised that is likely due to a transient failure.", new NpgsqlException("refused", new SocketException())), false },
        { new InvalidOperationException("wrapped", new TimeoutException()), false },
        { new ObjectDisposedException("NpgsqlDataSource"), false },
        { new NpgsqlException("Exception while connecting"), false },
        { new TimeoutException(), false },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void IsRowError_ShouldTellARowThatCannotBeReadFromADatabaseFailure(Exception failure, bool rowError) =>
        Assert.Equal(rowError, RowErrors.IsRowError(failure));
}
