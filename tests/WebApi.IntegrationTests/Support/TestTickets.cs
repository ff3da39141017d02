using System.Security.Cryptography;

namespace EventBooking.WebApi.IntegrationTests.Support;

/// <summary>Ticket signing keys for the tests: the one every test API signs with, and another for rotation tests.</summary>
public static class TestTickets
{
    /// <summary>The signing key of <see cref="EventBookingApiFactory"/> (EC P-256, PKCS#8 PEM), new for each test run.</summary>
    public static readonly string SigningKey = NewKey();

    public static string NewKey()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return key.ExportPkcs8PrivateKeyPem();
    }

    /// <summary>The public half of <paramref name="privatePem"/> (SubjectPublicKeyInfo PEM), as a retired key is kept.</summary>
    public static string PublicKeyOf(string privatePem)
    {
        using var key = ECDsa.Create();
        key.ImportFromPem(privatePem);
        return key.ExportSubjectPublicKeyInfoPem();
    }
}
