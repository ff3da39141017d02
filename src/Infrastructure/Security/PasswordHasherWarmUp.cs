using Microsoft.Extensions.Hosting;

namespace EventBooking.Infrastructure.Security;

/// <summary>
/// At start-up, begins the one-off work the first login would otherwise pay for (the unknown-email dummy
/// hash, bcrypt's first compilation) on a thread of its own. Start-up does not wait for it.
/// </summary>
internal sealed class PasswordHasherWarmUp : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        BcryptPasswordHasher.StartWarmUp();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
