using EventBooking.Domain.Users;

namespace EventBooking.Application.UnitTests.Common;

internal static class TestUsers
{
    public static readonly DateTime Now = new(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);

    public static User Regular(string email = "john@example.com") =>
        User.Register(email, "John Doe", "$2b$12$hash", Now);

    public static User Admin(string email = "admin@example.com")
    {
        var user = User.Register(email, "Admin User", "$2b$12$hash", Now);
        user.ChangeRole(Roles.Admin);
        return user;
    }
}
