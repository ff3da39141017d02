namespace EventBooking.Application.Auth;

/// <summary>The contract's AuthUser: <c>{id, email, name, role}</c>.</summary>
public sealed record AuthUserResponse(int Id, string Email, string Name, string Role);
