using EventBooking.Application.Common.Interfaces;

namespace EventBooking.Infrastructure.Security;

/// <summary>bcrypt with 12 rounds, as the contract requires; verifies the old server's <c>$2b$12$</c> hashes.</summary>
internal sealed class BcryptPasswordHasher : IPasswordHasher
{
    public const int WorkFactor = 12;

    // $2b$ like the old (Node) server, so every stored hash has the same shape.
    public string Hash(string password) =>
        BCrypt.Net.BCrypt.HashPassword(password, BCrypt.Net.BCrypt.GenerateSalt(WorkFactor, 'b'));

    public bool Verify(string password, string passwordHash)
    {
        try
        {
            return BCrypt.Net.BCrypt.Verify(password, passwordHash);
        }
        catch (BCrypt.Net.SaltParseException)
        {
            // A malformed stored hash can never match; treat it as a wrong password, not a server error.
            return false;
        }
    }
}
