namespace EventBooking.Infrastructure.Persistence;

/// <summary>Tells an error of one row apart from an error of the whole query, for the coalescing lookups.</summary>
internal static class RowErrors
{
    /// <summary>
    /// A row that cannot be turned into its value (a NULL where the model has none): Npgsql reports it as a
    /// cast error, EF as an invalid operation. EF also wraps transient database failures in an invalid
    /// operation, so one with a database exception inside (or a disposed object, at shutdown) is not a row
    /// error: during an outage a shared query must fail once, not once per key.
    /// </summary>
    public static bool IsRowError(Exception ex)
    {
        if (ex is InvalidCastException)
        {
            return true;
        }

        if (ex is not InvalidOperationException || ex is ObjectDisposedException)
        {
            return false;
        }

        for (var inner = ex.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is System.Data.Common.DbException or TimeoutException or System.Net.Sockets.SocketException)
            {
                return false;
            }
        }

        return true;
    }
}
