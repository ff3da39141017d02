using EventBooking.Application.Common;
using FluentValidation;

namespace EventBooking.Application.Auth.Commands.Register;

internal sealed class RegisterCommandValidator : AbstractValidator<RegisterCommand>
{
    public RegisterCommandValidator()
    {
        RuleFor(c => c.Email).ValidEmail();
        RuleFor(c => (string?)c.Email).WithoutNulCharacters().OverridePropertyName("Email");
        RuleFor(c => (string?)c.Name).WithoutNulCharacters().OverridePropertyName("Name");
        RuleFor(c => (string?)c.Password).WithoutNulCharacters().OverridePropertyName("Password");
        RuleFor(c => c.Name).ValidName();
        RuleFor(c => c.Password).ValidNewPassword();
    }
}
