using EventBooking.Application.Common.Exceptions;
using EventBooking.Application.Common.Interfaces;

namespace EventBooking.Infrastructure.Security;

/// <summary>
/// bcrypt with 12 rounds (about 0.2 s of CPU per hash or verify). Hashes run on all cores but one (at
/// least one hash at a time), so a login burst always leaves a core for every other request; the rest
/// wait their turn without holding a thread, and when the queue is full the caller gets
/// <see cref="ServiceBusyException"/> (503) instead of starving every other request of CPU
/// (build/chaos.sh scenario 3: with a hash on every core of a 2-core machine, a login burst took other
/// requests' p99 from ~25 ms to 0.9-1.4 s; leaving one core free keeps it at ~15 ms, for ~4 logins/s
/// instead of ~7). The hashing itself runs on dedicated threads at a lower priority
/// (<see cref="BackgroundPriorityWorkers"/>), so requests come first when the cores are saturated.
/// </summary>
internal sealed class BcryptPasswordHasher(BoundedConcurrency gate, BackgroundPriorityWorkers workers) : IPasswordHasher, IDisposable
{
    public const int WorkFactor = 12;

    /// <summary>
    /// Verified against when the email is unknown, so that answer costs what a wrong password costs.
    /// Computed once per process on a thread of its own, from start-up (<see cref="StartWarmUp"/>);
    /// logins await it. It used to be a <see cref="Lazy{T}"/> read by every login: the first burst of
    /// logins after a start blocked that many pool threads for a quarter second, and every other request
    /// stalled with them (build/chaos.sh, probe at the burst's onset: p99 ~650-820 ms).
    /// </summary>
    private static readonly Task<string> DummyHash = Task.Factory.StartNew(
        () => HashNow(Guid.NewGuid().ToString("N")), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>The hash an unknown email is verified against (for tests: it must cost what a real one costs).</summary>
    internal static Task<string> DummyHashForUnknownEmail => DummyHash;

    /// <summary>Starts computing the dummy hash (and compiling bcrypt) now rather than at the first login.</summary>
    internal static void StartWarmUp() => _ = DummyHash.Status;

    /// <summary>
    /// One hash at a time per core except one; 16 queued per hashing slot (about 4 s of work at 0.25 s a
    /// hash), each for at most 5 seconds: beyond that the answer is 503 at once rather than after a wait.
    /// </summary>
    public BcryptPasswordHasher()
        : this(
            new BoundedConcurrency(HashingSlots, 16 * HashingSlots, TimeSpan.FromSeconds(5)),
            new BackgroundPriorityWorkers(HashingSlots, "bcrypt"))
    {
    }

    private static int HashingSlots => Math.Max(1, Environment.ProcessorCount - 1);

    public bool IsBusy => gate.IsFull;

    /// <summary>Hashes running or waiting for a slot (metric <c>eventbooking.password_hashing.queue</c>).</summary>
    public int Pending => gate.Admitted;

    public async Task<string> HashAsync(string password, CancellationToken cancellationToken)
    {
        using (await gate.EnterAsync(cancellationToken))
        {
            return await workers.RunAsync(() => HashNow(password));
        }
    }

    public async Task<bool> VerifyAsync(string password, string? passwordHash, CancellationToken cancellationToken)
    {
        var stored = passwordHash ?? await DummyHash.WaitAsync(cancellationToken);
        using (await gate.EnterAsync(cancellationToken))
        {
            return await workers.RunAsync(() => VerifyNow(password, stored)) && passwordHash is not null;
        }
    }

    public void Dispose()
    {
        gate.Dispose();
        workers.Dispose();
    }

    // $2b$ like the old (Node) server, so every stored hash has the same shape.
    private static string HashNow(string password) =>
        BCrypt.Net.BCrypt.HashPassword(password, BCrypt.Net.BCrypt.GenerateSalt(WorkFactor, 'b'));

    private static bool VerifyNow(string password, string passwordHash)
    {
        try
        {
            return BCrypt.Net.BCrypt.Verify(password, passwordHash);
        }
        catch (BCrypt.Net.SaltParseException)
        {
            // A malformed stored hash can never match; treat it as a wrong password, not a server error.
            return false;
        }
    }
}
