using EventBooking.Domain.Common;

namespace EventBooking.Domain.Users;

/// <summary>The named rule failures around accounts, with the contract's messages.</summary>
public static class UserErrors
{
    public static readonly Error NotFound = Error.NotFound("User not found");

    public static readonly Error EmailAlreadyExists = Error.Conflict("User with this email already exists");

    /// <summary>The same text for an unknown email and a wrong password, so neither can be told apart.</summary>
    public static readonly Error InvalidCredentials = Error.Unauthorized("Invalid email or password");

    public static readonly Error UnknownRole = Error.Validation(
        "Role must be 'user' or 'admin'", [new ErrorDetail("role", "Role must be 'user' or 'admin'")]);

    public static readonly Error LastAdmin = Error.Conflict("Cannot demote the last admin");

    /// <summary>The account behind a valid token is gone: the same answer the per-request user check gives.</summary>
    public static readonly Error AccountGone = Error.Unauthorized("Invalid or expired token");

    /// <summary>Too many failed logins for this email from this client: locked for a while, whatever the password.</summary>
    public static Error LoginLocked(TimeSpan retryAfter) =>
        new Error("RATE_LIMITED", "Too many failed login attempts for this account, please try again later", ErrorType.TooManyRequests)
        {
            RetryAfter = retryAfter,
        };
}
