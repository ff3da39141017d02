using EventBooking.Application.Common.Interfaces;

namespace EventBooking.ArchitectureTests.Fixtures.ViolatingApplication;

/// <summary>Control: uses an Application port only, so the rule must not report it.</summary>
internal sealed class CleanHandler(IPasswordHasher hasher)
{
    public Task<bool> CheckAsync(string password, string hash) => hasher.VerifyAsync(password, hash, CancellationToken.None);
}
