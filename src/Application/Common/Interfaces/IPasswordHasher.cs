namespace EventBooking.Application.Common.Interfaces;

/// <summary>Hashes and verifies passwords (bcrypt in production). Both calls cost real CPU time.</summary>
public interface IPasswordHasher
{
    string Hash(string password);

    bool Verify(string password, string passwordHash);
}
