using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace EventBooking.LoadClient;

/// <summary>
/// HS256 JWTs shaped like the ones the API issues (claims id, sub, email, name, role, iss, aud, exp, iat,
/// jti), signed by hand with the configured key, so the client needs no identity package.
/// </summary>
internal static class Tokens
{
    private static readonly string Header = Base64Url("""{"alg":"HS256","typ":"JWT"}"""u8);

    public static string Mint(byte[] key, int userId, string issuer = "eventbooking", string audience = "eventbooking")
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var payload = string.Create(
            CultureInfo.InvariantCulture,
            $$"""{"id":{{userId}},"sub":"{{userId}}","email":"bench{{userId}}@bench.example","name":"Bench {{userId}}","role":"user","iss":"{{issuer}}","aud":"{{audience}}","iat":{{now}},"exp":{{now + 3600}},"jti":"{{Guid.NewGuid():N}}"}""");
        var unsigned = Header + "." + Base64Url(Encoding.UTF8.GetBytes(payload));
        var signature = HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(unsigned));
        return unsigned + "." + Base64Url(signature);
    }

    /// <summary>One token for each user id from <paramref name="first"/> to <paramref name="last"/>, in order.</summary>
    public static string[] MintRange(byte[] key, int first, int last) =>
        Enumerable.Range(first, last - first + 1).Select(id => Mint(key, id)).ToArray();

    private static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
