using EventBooking.Application.Users;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace EventBooking.ArchitectureTests.Fixtures.DispatchingWebApi.Security;

/// <summary>
/// Planted violation: an authentication event handler (no endpoint) that reads a read service itself;
/// the read service appears only inside the async body.
/// </summary>
internal static class TokenCheck
{
    public static async Task<bool> UserStillExistsAsync(HttpContext context, int userId)
    {
        var users = context.RequestServices.GetRequiredService<IUserReadService>();
        return await users.FindAsync(userId, context.RequestAborted) is not null;
    }
}
