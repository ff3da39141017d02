namespace EventBooking.Infrastructure.Authentication;

/// <summary>The claim names the old server issued (<c>id, email, name, role</c>), kept verbatim.</summary>
public static class JwtClaims
{
    public const string Id = "id";
    public const string Email = "email";
    public const string Name = "name";
    public const string Role = "role";
    public const string Subject = "sub";
    public const string TokenId = "jti";
}
