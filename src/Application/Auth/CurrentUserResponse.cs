namespace EventBooking.Application.Auth;

/// <summary>What <c>GET /api/auth/me</c> answers: <c>{user}</c>.</summary>
public sealed record CurrentUserResponse(AuthUserResponse User);
