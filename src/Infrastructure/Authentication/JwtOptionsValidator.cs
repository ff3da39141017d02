using System.Text;
using Microsoft.Extensions.Options;

namespace EventBooking.Infrastructure.Authentication;

/// <summary>Checked at startup, so a misconfigured API stops with a clear message instead of issuing weak tokens.</summary>
internal sealed class JwtOptionsValidator : IValidateOptions<JwtOptions>
{
    public ValidateOptionsResult Validate(string? name, JwtOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrEmpty(options.SigningKey))
        {
            failures.Add(
                "Jwt__SigningKey is not set. Set it to a random secret of at least "
                + $"{JwtOptions.MinimumKeyBytes} bytes (e.g. `openssl rand -hex 32`); build/run.sh generates one.");
        }
        else if (Encoding.UTF8.GetByteCount(options.SigningKey) < JwtOptions.MinimumKeyBytes)
        {
            failures.Add($"Jwt__SigningKey must be at least {JwtOptions.MinimumKeyBytes} bytes long.");
        }

        if (string.IsNullOrWhiteSpace(options.Issuer))
        {
            failures.Add("Jwt__Issuer must not be empty.");
        }

        if (string.IsNullOrWhiteSpace(options.Audience))
        {
            failures.Add("Jwt__Audience must not be empty.");
        }

        if (options.LifetimeMinutes is < 1 or > 525_600)
        {
            failures.Add("Jwt__LifetimeMinutes must be between 1 and 525600 (one year).");
        }

        if (options.ClockSkewSeconds is < 0 or > 600)
        {
            failures.Add("Jwt__ClockSkewSeconds must be between 0 and 600.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
