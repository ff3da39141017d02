namespace EventBooking.WebApi.IntegrationTests.Support;

/// <summary>bcrypt hashes made the way the old server made them (<c>$2b$12$</c>), for users inserted by SQL who log in.</summary>
public static class Passwords
{
    public const string Known = "password123";

    // One hash for the whole run: each costs about 0.3 s.
    private static readonly Lazy<string> KnownHashValue = new(() => Hash(Known));

    public static string KnownHash => KnownHashValue.Value;

    public static string Hash(string password) =>
        BCrypt.Net.BCrypt.HashPassword(password, BCrypt.Net.BCrypt.GenerateSalt(12, 'b'));
}
