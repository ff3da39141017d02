using EventBooking.Application.Auth;
using EventBooking.Application.Common.Interfaces;
using EventBooking.Domain.Common;
using EventBooking.Domain.Users;
using MapsterMapper;
using MediatR;

namespace EventBooking.Application.Users.Commands.ChangeUserRole;

internal sealed class ChangeUserRoleCommandHandler(IUserRepository users, IUnitOfWork unitOfWork, IMapper mapper)
    : IRequestHandler<ChangeUserRoleCommand, Result<AuthUserResponse>>
{
    public async Task<Result<AuthUserResponse>> Handle(ChangeUserRoleCommand command, CancellationToken cancellationToken)
    {
        var user = await users.GetByIdAsync(command.UserId, cancellationToken);
        if (user is null)
        {
            return UserErrors.NotFound;
        }

        // Counting under a lock on the admin rows (the command is transactional): two admins demoting each other at once cannot both win.
        if (user.IsAdmin && command.Role != Roles.Admin && await users.CountAdminsForUpdateAsync(cancellationToken) <= 1)
        {
            return UserErrors.LastAdmin;
        }

        var changed = user.ChangeRole(command.Role);
        if (changed.IsFailure)
        {
            return changed.Error!;
        }

        await unitOfWork.SaveChangesAsync(cancellationToken);
        return mapper.Map<AuthUserResponse>(user);
    }
}
