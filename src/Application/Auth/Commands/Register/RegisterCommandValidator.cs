using FluentValidation;

namespace EventBooking.Application.Auth.Commands.Register;

internal sealed class RegisterCommandValidator : AbstractValidator<RegisterCommand>
{
    public RegisterCommandValidator()
    {
        RuleFor(c => c.Email).ValidEmail();
        RuleFor(c => c.Name).ValidName();
        RuleFor(c => c.Password).ValidNewPassword();
    }
}
