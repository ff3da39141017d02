namespace EventBooking.Domain.Common;

/// <summary>
/// An expected failure, returned as a value rather than thrown. <see cref="Code"/> is stable and
/// machine-readable; <see cref="Message"/> is the human sentence clients show; <see cref="Details"/>
/// lists field-level problems of a validation error.
/// </summary>
public sealed record Error(string Code, string Message, ErrorType Type)
{
    public IReadOnlyList<ErrorDetail> Details { get; init; } = [];

    /// <summary>For <see cref="ErrorType.TooManyRequests"/>: how long the client should wait.</summary>
    public TimeSpan? RetryAfter { get; init; }

    public static Error Validation(string message, IReadOnlyList<ErrorDetail>? details = null) =>
        new("VALIDATION_ERROR", message, ErrorType.Validation) { Details = details ?? [] };

    public static Error NotFound(string message) => new("NOT_FOUND", message, ErrorType.NotFound);

    public static Error Forbidden(string message) => new("FORBIDDEN", message, ErrorType.Forbidden);

    public static Error Unauthorized(string message) => new("UNAUTHORIZED", message, ErrorType.Unauthorized);

    public static Error Conflict(string message, string code = "CONFLICT") => new(code, message, ErrorType.Conflict);
}
