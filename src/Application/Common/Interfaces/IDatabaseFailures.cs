namespace EventBooking.Application.Common.Interfaces;

/// <summary>
/// Tells what kind of database failure an exception is, so callers can answer without knowing the
/// database driver: an outage (503, retry later), text the database cannot store (the client's 400),
/// or neither (a bug).
/// </summary>
public interface IDatabaseFailures
{
    /// <summary>The database could not be reached or is not accepting work (refused, reset, timed out, shutting down, full).</summary>
    bool IsUnavailable(Exception exception);

    /// <summary>
    /// The database refused text it cannot store (a NUL character, an invalid byte sequence): bad input
    /// that slipped past the validators, e.g. in a query string. Nothing was written.
    /// </summary>
    bool IsInvalidText(Exception exception);
}
