using System.Security.Cryptography;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EventBooking.Infrastructure.Authentication;

/// <summary>
/// In Development only, a missing signing key is replaced by a random one for this process, with a
/// warning: tokens then do not survive a restart. Everywhere else a missing key stops the API.
/// </summary>
internal sealed class DevelopmentSigningKey(IHostEnvironment environment, ILogger<DevelopmentSigningKey> logger)
    : IPostConfigureOptions<JwtOptions>
{
    public void PostConfigure(string? name, JwtOptions options)
    {
        if (!string.IsNullOrEmpty(options.SigningKey) || !environment.IsDevelopment())
        {
            return;
        }

        options.SigningKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        logger.LogWarning("Jwt__SigningKey is not set: using a random key for this process (Development only)");
    }
}
