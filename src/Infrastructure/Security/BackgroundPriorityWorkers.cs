using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace EventBooking.Infrastructure.Security;

/// <summary>
/// A few dedicated threads that run CPU-heavy work (bcrypt) at a lower scheduling priority than the rest of
/// the process: on Linux each sets its own nice value to <see cref="Nice"/>, so when the cores are saturated
/// the scheduler serves the request threads first and the hashing gets what is left. Off the thread pool, a
/// 0.25 s hash never holds one of the pool's threads either.
/// <para>
/// Measured in build/chaos.sh scenario 3 (docs/reliability.md): with a login burst on a 2-core machine the
/// cores were fully busy (the API 1.2 cores, about 0.6 of them bcrypt, the load clients most of the rest) and
/// the probe's reads and bookings queued behind the hashing.
/// </para>
/// </summary>
internal sealed class BackgroundPriorityWorkers : IDisposable
{
    /// <summary>Nice 10: about a tenth of the CPU share of a normal thread when both want a core.</summary>
    public const int Nice = 10;

    private readonly BlockingCollection<Action> _work = new();
    private readonly Thread[] _threads;

    public BackgroundPriorityWorkers(int threads, string name)
    {
        _threads = [.. Enumerable.Range(0, threads).Select(i => new Thread(Run) { IsBackground = true, Name = $"{name} {i + 1}" })];
        foreach (var thread in _threads)
        {
            thread.Start();
        }
    }

    /// <summary>Whether the worker threads could lower their priority (false off Linux, or if the call failed).</summary>
    public bool Lowered { get; private set; }

    public Task<T> RunAsync<T>(Func<T> work)
    {
        var result = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _work.Add(() =>
        {
            try
            {
                result.SetResult(work());
            }
#pragma warning disable CA1031 // handed to the caller, whatever it is
            catch (Exception ex)
#pragma warning restore CA1031
            {
                result.SetException(ex);
            }
        });
        return result.Task;
    }

    public void Dispose() => _work.CompleteAdding();

    private void Run()
    {
        Lowered = LowerThisThread() || Lowered;
        foreach (var work in _work.GetConsumingEnumerable())
        {
            work();
        }
    }

    private static bool LowerThisThread()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            // On Linux a nice value is per thread: "who" is the thread id.
            return NativeMethods.SetPriority(NativeMethods.PrioProcess, NativeMethods.GetTid(), Nice) == 0;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    private static class NativeMethods
    {
        public const int PrioProcess = 0;

        [DllImport("libc", EntryPoint = "setpriority", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int SetPriority(int which, int who, int priority);

        [DllImport("libc", EntryPoint = "gettid")]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int GetTid();
    }
}
