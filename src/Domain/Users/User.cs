using EventBooking.Domain.Common;

namespace EventBooking.Domain.Users;

/// <summary>An account. Emails are stored trimmed and lower-case, so uniqueness is case-insensitive.</summary>
public sealed class User
{
    public const int MaxEmailLength = 255;
    public const int MinNameLength = 2;
    public const int MaxNameLength = 255;

    private User()
    {
    }

    public int Id { get; private set; }

    public string Email { get; private set; } = string.Empty;

    public string Name { get; private set; } = string.Empty;

    public string PasswordHash { get; private set; } = string.Empty;

    public string Role { get; private set; } = Roles.User;

    public DateTime CreatedAt { get; private set; }

    /// <summary>Maintained by the database on every update.</summary>
    public DateTime UpdatedAt { get; private set; }

    public bool IsAdmin => Role == Roles.Admin;

    /// <summary>Creates a regular user; nobody registers as an admin.</summary>
    public static User Register(string email, string name, string passwordHash, DateTime now) => new()
    {
        Email = NormalizeEmail(email),
        Name = name.Trim(),
        PasswordHash = passwordHash,
        Role = Roles.User,
        CreatedAt = now,
        UpdatedAt = now,
    };

    /// <summary>
    /// Gives the user another role. Whether this leaves the system without an admin is not visible
    /// from one user; the caller checks that under a lock (see ChangeUserRoleCommandHandler).
    /// </summary>
    public Result ChangeRole(string role)
    {
        if (!Roles.IsKnown(role))
        {
            return UserErrors.UnknownRole;
        }

        Role = role;
        return Result.Success();
    }

    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();
}
