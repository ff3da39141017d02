using EventBooking.Application.Common.Exceptions;
using EventBooking.Application.Common.Interfaces;
using EventBooking.Application.Common.Telemetry;
using EventBooking.Domain.Common;
using EventBooking.Domain.Users;
using MapsterMapper;
using MediatR;

namespace EventBooking.Application.Auth.Commands.Login;

internal sealed class LoginCommandHandler(
    IUserRepository users,
    IPasswordHasher passwordHasher,
    ITokenIssuer tokenIssuer,
    ILoginThrottle throttle,
    ICurrentUser caller,
    IMapper mapper,
    EventBookingMetrics metrics)
    : IRequestHandler<LoginCommand, Result<AuthResponse>>
{
    public async Task<Result<AuthResponse>> Handle(LoginCommand command, CancellationToken cancellationToken)
    {
        var email = User.NormalizeEmail(command.Email);
        if (throttle.LockedFor(email, caller.Client) is { } wait)
        {
            metrics.Login("throttled");
            return UserErrors.LoginLocked(wait);
        }

        // Shed a login the hasher would refuse anyway before its user lookup: during a burst most logins are shed,
        // and doing each one's query first made every other request slow (build/chaos.sh scenario 3, docs/reliability.md).
        if (passwordHasher.IsBusy)
        {
            metrics.Login("busy");
            throw new ServiceBusyException(TimeSpan.FromSeconds(1));
        }

        var user = await users.GetByEmailAsync(email, cancellationToken);

        // Verify even when the user is unknown (against a dummy hash): both failures cost the same time.
        bool passwordMatches;
        try
        {
            passwordMatches = await passwordHasher.VerifyAsync(command.Password, user?.PasswordHash, cancellationToken);
        }
        catch (ServiceBusyException)
        {
            metrics.Login("busy");
            throw;
        }

        if (user is null || !passwordMatches)
        {
            metrics.Login("failed");
            throttle.RecordFailure(email, caller.Client);
            return UserErrors.InvalidCredentials;
        }

        metrics.Login("succeeded");
        throttle.RecordSuccess(email, caller.Client);
        return new AuthResponse(mapper.Map<AuthUserResponse>(user), tokenIssuer.Issue(user).Token);
    }
}
