using EventBooking.Application.Common;
using FluentValidation;

namespace EventBooking.Application.Auth.Commands.Login;

internal sealed class LoginCommandValidator : AbstractValidator<LoginCommand>
{
    /// <summary>Generous: accounts from the old server may have passwords of 6 or 7 characters.</summary>
    private const int MaxPasswordLength = 1024;

    public LoginCommandValidator()
    {
        RuleFor(c => c.Email).Must(e => !string.IsNullOrWhiteSpace(e)).WithMessage("Email is required");
        RuleFor(c => (string?)c.Email).WithoutNulCharacters().OverridePropertyName("Email");
        RuleFor(c => c.Password)
            .Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Password is required")
            .MaximumLength(MaxPasswordLength).WithMessage($"Password must be at most {MaxPasswordLength} characters");
    }
}
