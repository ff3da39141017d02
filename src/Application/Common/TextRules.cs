using FluentValidation;

namespace EventBooking.Application.Common;

/// <summary>Rules every free-text input shares.</summary>
public static class TextRules
{
    /// <summary>PostgreSQL text cannot hold U+0000; refuse it up front as the client's mistake, naming the field.</summary>
    public static IRuleBuilderOptions<T, string?> WithoutNulCharacters<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(text => text is null || !text.Contains('\0', StringComparison.Ordinal))
            .WithMessage("{PropertyName} must not contain NUL characters");
}
