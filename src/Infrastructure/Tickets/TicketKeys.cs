using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace EventBooking.Infrastructure.Tickets;

/// <summary>Reads ticket keys from PEM: EC on the P-256 curve (ES256) only.</summary>
internal static class TicketKeys
{
    private const string P256Oid = "1.2.840.10045.3.1.7";

    /// <summary>The key in <paramref name="pem"/>, or null with the reason when it is not a P-256 key (or lacks its private part).</summary>
    public static ECDsa? TryLoad(string? pem, bool requirePrivate, out string? problem)
    {
        problem = null;
        if (string.IsNullOrWhiteSpace(pem))
        {
            problem = "is empty";
            return null;
        }

        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem.Replace("\\n", "\n", StringComparison.Ordinal));
            var parameters = key.ExportParameters(false);
            if (parameters.Curve.Oid?.Value != P256Oid && parameters.Curve.Oid?.FriendlyName is not ("nistP256" or "ECDSA_P256"))
            {
                problem = "is not on the P-256 curve (ES256)";
            }
            else if (requirePrivate && !HasPrivateKey(key))
            {
                problem = "is a public key; the signing key must be the private key";
            }
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            problem = "is not a PEM EC private or public key";
        }

        if (problem is null)
        {
            return key;
        }

        key.Dispose();
        return null;
    }

    /// <summary>The public half of <paramref name="key"/> as a security key whose <c>kid</c> is its RFC 7638 thumbprint.</summary>
    public static ECDsaSecurityKey PublicSecurityKey(ECDsa key)
    {
        var publicKey = new ECDsaSecurityKey(ECDsa.Create(key.ExportParameters(false)));
        publicKey.KeyId = Base64UrlEncoder.Encode(JsonWebKeyConverter.ConvertFromECDsaSecurityKey(publicKey).ComputeJwkThumbprint());
        return publicKey;
    }

    private static bool HasPrivateKey(ECDsa key)
    {
        try
        {
            return key.ExportParameters(true).D is { Length: > 0 };
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
