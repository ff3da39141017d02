namespace EventBooking.Domain.Common;

/// <summary>The kind of an expected failure. The web layer maps each kind to one HTTP status.</summary>
public enum ErrorType
{
    Validation,
    Unauthorized,
    Forbidden,
    NotFound,
    Conflict,

    /// <summary>An upload over its size limit (413).</summary>
    PayloadTooLarge,

    /// <summary>Well-formed and understood, but refers to something else than asked (422).</summary>
    Unprocessable,

    /// <summary>Too many attempts; try again after <see cref="Error.RetryAfter"/> (429).</summary>
    TooManyRequests,
}
