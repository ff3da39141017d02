using System.Globalization;
using EventBooking.Application.Common.Interfaces;
using EventBooking.Domain.Users;
using EventBooking.Infrastructure.Authentication;

namespace EventBooking.WebApi.Security;

/// <summary>
/// The caller, from the validated token. The role claim is the one re-read from the database by
/// <see cref="ApiJwtBearerEvents"/>, not the one the token was issued with.
/// </summary>
internal sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    public bool IsAuthenticated => accessor.HttpContext?.User.Identity?.IsAuthenticated == true;

    public int Id =>
        int.TryParse(accessor.HttpContext?.User.FindFirst(JwtClaims.Id)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : throw new InvalidOperationException("No authenticated user: is the endpoint missing RequireAuthorization?");

    public string Role => accessor.HttpContext?.User.FindFirst(JwtClaims.Role)?.Value ?? string.Empty;

    public bool IsAdmin => Role == Roles.Admin;

    public string Client => accessor.HttpContext?.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
