using EventBooking.Domain.Users;

namespace EventBooking.Application.Common.Interfaces;

/// <summary>Issues the signed access token (JWT) that identifies a user to the API.</summary>
public interface ITokenIssuer
{
    AccessToken Issue(User user);
}

public sealed record AccessToken(string Token, DateTime ExpiresAt);
