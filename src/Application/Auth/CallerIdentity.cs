using EventBooking.Domain.Users;

namespace EventBooking.Application.Auth;

/// <summary>Who is calling, as the users table says now (not as the token said when it was issued).</summary>
public sealed record CallerIdentity(int Id, string Email, string Name, string Role)
{
    public bool IsAdmin => Role == Roles.Admin;
}
