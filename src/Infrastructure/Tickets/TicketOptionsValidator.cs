using Microsoft.Extensions.Options;

namespace EventBooking.Infrastructure.Tickets;

/// <summary>Refuses to start without a usable signing key, naming every bad key at once.</summary>
internal sealed class TicketOptionsValidator : IValidateOptions<TicketOptions>
{
    public ValidateOptionsResult Validate(string? name, TicketOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.SigningKey))
        {
            failures.Add(
                "Tickets__SigningKey is not set. Set it to an EC P-256 private key in PEM "
                + "(e.g. `openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256`); build/run.sh generates one.");
        }
        else
        {
            using var key = TicketKeys.TryLoad(options.SigningKey, requirePrivate: true, out var problem);
            if (problem is not null)
            {
                failures.Add($"Tickets__SigningKey {problem}.");
            }
        }

        for (var i = 0; i < options.VerificationKeys.Count; i++)
        {
            using var key = TicketKeys.TryLoad(options.VerificationKeys[i], requirePrivate: false, out var problem);
            if (problem is not null)
            {
                failures.Add($"Tickets__VerificationKeys__{i} {problem}.");
            }
        }

        if (string.IsNullOrWhiteSpace(options.Issuer))
        {
            failures.Add("Tickets__Issuer must not be empty.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
