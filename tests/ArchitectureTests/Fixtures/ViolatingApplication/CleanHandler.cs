using EventBooking.Application.Common.Interfaces;

namespace EventBooking.ArchitectureTests.Fixtures.ViolatingApplication;

/// <summary>Control: uses an Application port only, so the rule must not report it.</summary>
internal sealed class CleanHandler(IPasswordHasher hasher)
{
    public bool Check(string password, string hash) => hasher.Verify(password, hash);
}
