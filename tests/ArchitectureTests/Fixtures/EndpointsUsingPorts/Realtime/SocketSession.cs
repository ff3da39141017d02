using EventBooking.Domain.Users;

namespace EventBooking.ArchitectureTests.Fixtures.EndpointsUsingPorts.Realtime;

/// <summary>Control: neither in the endpoints namespace nor named *Endpoints, so the rule must not report it.</summary>
internal sealed class SocketSession(IUserRepository users)
{
    public async Task<bool> IsKnownAsync(int userId, CancellationToken cancellationToken) =>
        await users.GetByIdAsync(userId, cancellationToken) is not null;
}
