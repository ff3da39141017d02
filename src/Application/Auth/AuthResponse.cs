namespace EventBooking.Application.Auth;

/// <summary>What register and login answer: <c>{user, token}</c>.</summary>
public sealed record AuthResponse(AuthUserResponse User, string Token);
