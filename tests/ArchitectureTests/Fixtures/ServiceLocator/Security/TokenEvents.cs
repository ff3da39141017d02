using EventBooking.Application.Users;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace EventBooking.ArchitectureTests.Fixtures.ServiceLocator.Security;

/// <summary>Planted violation: the read service is located from the request, inside an async method.</summary>
internal static class TokenEvents
{
    public static async Task<bool> UserExistsAsync(HttpContext context, int userId)
    {
        var users = context.RequestServices.GetRequiredService<IUserReadService>();
        return await users.FindAsync(userId, context.RequestAborted) is not null;
    }
}
