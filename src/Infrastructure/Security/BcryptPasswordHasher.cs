using EventBooking.Application.Common.Exceptions;
using EventBooking.Application.Common.Interfaces;

namespace EventBooking.Infrastructure.Security;

/// <summary>
/// bcrypt with 12 rounds (about 0.2 s of CPU per hash or verify). At most one hash runs per core; the
/// rest wait their turn without holding a thread, and when the queue is full the caller gets
/// <see cref="ServiceBusyException"/> (503) instead of starving every other request of CPU.
/// </summary>
internal sealed class BcryptPasswordHasher : IPasswordHasher, IDisposable
{
    public const int WorkFactor = 12;

    private static readonly int Slots = Environment.ProcessorCount;
    private static readonly int MaxWaiting = 16 * Environment.ProcessorCount;
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(5);

    /// <summary>Verified against when the email is unknown, so that answer costs what a wrong password costs.</summary>
    private static readonly Lazy<string> DummyHash = new(() => HashNow(Guid.NewGuid().ToString("N")));

    private readonly SemaphoreSlim _slots = new(Slots, Slots);
    private int _waiting;

    public async Task<string> HashAsync(string password, CancellationToken cancellationToken)
    {
        await AcquireAsync(cancellationToken);
        try
        {
            return HashNow(password);
        }
        finally
        {
            _slots.Release();
        }
    }

    public async Task<bool> VerifyAsync(string password, string? passwordHash, CancellationToken cancellationToken)
    {
        var dummy = DummyHash.Value;
        await AcquireAsync(cancellationToken);
        try
        {
            var matches = VerifyNow(password, passwordHash ?? dummy);
            return matches && passwordHash is not null;
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose() => _slots.Dispose();

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

    private async Task AcquireAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _waiting) > MaxWaiting)
        {
            Interlocked.Decrement(ref _waiting);
            throw new ServiceBusyException(TimeSpan.FromSeconds(1));
        }

        try
        {
            if (!await _slots.WaitAsync(MaxWait, cancellationToken))
            {
                throw new ServiceBusyException(TimeSpan.FromSeconds(1));
            }
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }
}
