using EventBooking.Domain.Users;

namespace EventBooking.Domain.UnitTests.Users;

public sealed class UserTests
{
    [Fact]
    public void Register_ShouldNormaliseEmailTrimNameAndNeverGrantAdmin()
    {
        var now = new DateTime(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);

        var user = User.Register("  John@Example.COM ", "  John Doe ", "$2b$12$hash", now);

        Assert.Equal("john@example.com", user.Email);
        Assert.Equal("John Doe", user.Name);
        Assert.Equal(Roles.User, user.Role);
        Assert.False(user.IsAdmin);
        Assert.Equal(now, user.CreatedAt);
    }

    [Theory]
    [InlineData("user", true)]
    [InlineData("admin", true)]
    [InlineData("Admin", false)]
    [InlineData("root", false)]
    [InlineData(null, false)]
    public void IsKnown_ShouldAcceptOnlyTheTwoContractRoles(string? role, bool known) =>
        Assert.Equal(known, Roles.IsKnown(role));

    [Fact]
    public void ChangeRole_WhenRoleIsKnown_ShouldChangeIt()
    {
        var user = User.Register("a@example.com", "Ann", "hash", DateTime.UtcNow);

        var result = user.ChangeRole(Roles.Admin);

        Assert.True(result.IsSuccess);
        Assert.True(user.IsAdmin);
    }

    [Theory]
    [InlineData("Admin")]
    [InlineData("superuser")]
    [InlineData("")]
    public void ChangeRole_WhenRoleIsUnknown_ShouldFailAndKeepTheOldRole(string role)
    {
        var user = User.Register("a@example.com", "Ann", "hash", DateTime.UtcNow);

        var result = user.ChangeRole(role);

        Assert.Equal(UserErrors.UnknownRole, result.Error);
        Assert.Equal(Roles.User, user.Role);
    }
}
