using EventBooking.Application.Common.Interfaces;
using EventBooking.Domain.Common;
using EventBooking.Domain.Users;
using MapsterMapper;
using MediatR;

namespace EventBooking.Application.Auth.Commands.Register;

internal sealed class RegisterCommandHandler(
    IUserRepository users, IPasswordHasher passwordHasher, ITokenIssuer tokenIssuer, TimeProvider clock, IMapper mapper)
    : IRequestHandler<RegisterCommand, Result<AuthResponse>>
{
    public async Task<Result<AuthResponse>> Handle(RegisterCommand command, CancellationToken cancellationToken)
    {
        var email = User.NormalizeEmail(command.Email);
        // Cheap check first so a taken email costs no bcrypt; the unique constraint settles races.
        if (await users.EmailExistsAsync(email, cancellationToken))
        {
            return UserErrors.EmailAlreadyExists;
        }

        var passwordHash = await passwordHasher.HashAsync(command.Password, cancellationToken);
        var user = User.Register(email, command.Name, passwordHash, clock.GetUtcNow().UtcDateTime);
        if (!await users.TryAddAsync(user, cancellationToken))
        {
            return UserErrors.EmailAlreadyExists;
        }

        return new AuthResponse(mapper.Map<AuthUserResponse>(user), tokenIssuer.Issue(user).Token);
    }
}
