using System.Text;
using EventBooking.Domain.Users;
using FluentValidation;

namespace EventBooking.Application.Auth;

/// <summary>Shape rules for account fields, shared by the validators that need them.</summary>
internal static class AccountRules
{
    public const int MinPasswordLength = 8;

    /// <summary>bcrypt reads at most 72 bytes; a longer password would be silently truncated.</summary>
    public const int MaxPasswordBytes = 72;

    // Deliberately simple: one @, something on each side, a dot in the domain, no spaces.
    private static readonly System.Text.RegularExpressions.Regex EmailShape = new(
        @"^[^@\s]+@[^@\s]+\.[^@\s]+$",
        System.Text.RegularExpressions.RegexOptions.CultureInvariant,
        TimeSpan.FromMilliseconds(100));

    public static IRuleBuilderOptions<T, string> ValidEmail<T>(this IRuleBuilderInitial<T, string> rule) =>
        rule.Cascade(CascadeMode.Stop)
            .Must(e => !string.IsNullOrWhiteSpace(e)).WithMessage("Email is required")
            .Must(e => e.Trim().Length <= User.MaxEmailLength).WithMessage($"Email must be at most {User.MaxEmailLength} characters")
            .Must(e => EmailShape.IsMatch(e.Trim())).WithMessage("Email must be a valid email address");

    public static IRuleBuilderOptions<T, string> ValidName<T>(this IRuleBuilderInitial<T, string> rule) =>
        rule.Cascade(CascadeMode.Stop)
            .Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Name is required")
            .Must(n => n.Trim().Length is >= User.MinNameLength and <= User.MaxNameLength)
            .WithMessage($"Name must be between {User.MinNameLength} and {User.MaxNameLength} characters");

    public static IRuleBuilderOptions<T, string> ValidNewPassword<T>(this IRuleBuilderInitial<T, string> rule) =>
        rule.Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Password is required")
            .Must(p => p.Length >= MinPasswordLength).WithMessage($"Password must be at least {MinPasswordLength} characters")
            .Must(p => Encoding.UTF8.GetByteCount(p) <= MaxPasswordBytes)
            .WithMessage($"Password must be at most {MaxPasswordBytes} bytes");
}
