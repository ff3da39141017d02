namespace EventBooking.Application.Common.Interfaces;

/// <summary>
/// Work a new instance does before it reports ready, so its first buyers meet code that is already compiled and
/// optimised and connections that are already open (docs/adr/0024). A warm-up changes no state: it may only read, or
/// ask for changes that are refused without a row written.
/// </summary>
public interface IStartupWarmUp
{
    /// <summary>A name for the log line that reports the warm-up.</summary>
    string Name { get; }

    /// <summary>Runs about <paramref name="operations"/> operations; stops early when <paramref name="cancellationToken"/> fires.</summary>
    Task RunAsync(int operations, CancellationToken cancellationToken);
}
