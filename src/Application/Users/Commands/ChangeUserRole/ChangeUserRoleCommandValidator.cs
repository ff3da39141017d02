using EventBooking.Domain.Users;
using FluentValidation;

namespace EventBooking.Application.Users.Commands.ChangeUserRole;

internal sealed class ChangeUserRoleCommandValidator : AbstractValidator<ChangeUserRoleCommand>
{
    public ChangeUserRoleCommandValidator()
    {
        RuleFor(c => c.UserId).GreaterThan(0).WithMessage("User id must be a positive integer");
        RuleFor(c => c.Role).Must(Roles.IsKnown).WithMessage("Role must be 'user' or 'admin'");
    }
}
