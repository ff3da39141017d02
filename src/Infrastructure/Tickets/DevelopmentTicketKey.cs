using System.Security.Cryptography;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EventBooking.Infrastructure.Tickets;

/// <summary>
/// In Development only, a missing ticket signing key is replaced by a random one for this process, with a warning:
/// tickets issued then stop verifying after a restart. Everywhere else a missing key stops the API.
/// </summary>
internal sealed class DevelopmentTicketKey(IHostEnvironment environment, ILogger<DevelopmentTicketKey> logger)
    : IPostConfigureOptions<TicketOptions>
{
    public void PostConfigure(string? name, TicketOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.SigningKey) || !environment.IsDevelopment())
        {
            return;
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        options.SigningKey = key.ExportPkcs8PrivateKeyPem();
        logger.LogWarning("Tickets__SigningKey is not set: using a random key for this process (Development only)");
    }
}
