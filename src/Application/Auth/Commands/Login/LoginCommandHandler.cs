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
