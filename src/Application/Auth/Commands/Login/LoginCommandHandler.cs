using EventBooking.Application.Common.Exceptions;
using EventBooking.Application.Common.Interfaces;
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
    IMapper mapper)
    : IRequestHandler<LoginCommand, Result<AuthResponse>>
{
    public async Task<Result<AuthResponse>> Handle(LoginCommand command, CancellationToken cancellationToken)
    {
        var email = User.NormalizeEmail(command.Email);
        if (throttle.LockedFor(email, caller.Client) is { } wait)
        {
            return UserErrors.LoginLocked(wait);
        }

        // Shed a login the hasher would refuse anyway before its user lookup: during a burst most logins are shed,
        // and doing each one's query first made every other request slow (build/chaos.sh scenario 3, docs/reliability.md).
        if (passwordHasher.IsBusy)
        {
            throw new ServiceBusyException(TimeSpan.FromSeconds(1));
        }

        var user = await users.GetByEmailAsync(email, cancellationToken);

        // Verify even when the user is unknown (against a dummy hash): both failures cost the same time.
        var passwordMatches = await passwordHasher.VerifyAsync(command.Password, user?.PasswordHash, cancellationToken);
        if (user is null || !passwordMatches)
        {
            throttle.RecordFailure(email, caller.Client);
            return UserErrors.InvalidCredentials;
        }

        throttle.RecordSuccess(email, caller.Client);
        return new AuthResponse(mapper.Map<AuthUserResponse>(user), tokenIssuer.Issue(user).Token);
    }
}
