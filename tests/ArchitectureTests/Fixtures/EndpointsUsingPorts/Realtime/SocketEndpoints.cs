using EventBooking.Domain.Users;
using Microsoft.AspNetCore.Http;

namespace EventBooking.ArchitectureTests.Fixtures.EndpointsUsingPorts.Realtime;

/// <summary>Planted violation: outside the endpoints namespace, but named *Endpoints, and using a repository.</summary>
internal static class SocketEndpoints
{
    public static async Task<IResult> Connect(int userId, IUserRepository users, CancellationToken cancellationToken) =>
        await users.GetByIdAsync(userId, cancellationToken) is null ? Results.Unauthorized() : Results.Ok();
}
