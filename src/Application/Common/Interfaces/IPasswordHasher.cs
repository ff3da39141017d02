namespace EventBooking.Application.Common.Interfaces;

/// <summary>
/// Hashes and verifies passwords (bcrypt, 12 rounds). Each call costs about 0.2 s of CPU, so the
/// implementation bounds how many run at once and may throw <see cref="Exceptions.ServiceBusyException"/>.
/// </summary>
public interface IPasswordHasher
{
    Task<string> HashAsync(string password, CancellationToken cancellationToken);

    /// <summary>
    /// Whether a hash or verification asked for now would be refused (every slot taken and the queue full), so a
    /// caller can shed a request before doing any other work for it.
    /// </summary>
    bool IsBusy { get; }

    /// <summary>
    /// Whether <paramref name="password"/> matches <paramref name="passwordHash"/>. With no hash (an
    /// unknown email) it still spends the same time on a dummy hash and returns false, so the answer
    /// time does not reveal whether an account exists.
    /// </summary>
    Task<bool> VerifyAsync(string password, string? passwordHash, CancellationToken cancellationToken);
}
