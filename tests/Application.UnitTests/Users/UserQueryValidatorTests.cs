using EventBooking.Application.Users.Commands.ChangeUserRole;
using EventBooking.Application.Users.Queries.ListUsers;

namespace EventBooking.Application.UnitTests.Users;

public sealed class UserQueryValidatorTests
{
    [Theory]
    [InlineData(1, 0, true)]
    [InlineData(100, 5, true)]
    [InlineData(0, 0, false)]
    [InlineData(101, 0, false)]
    [InlineData(10, -1, false)]
    public void ListUsersValidator_ShouldApplyTheContractPagingRules(int limit, int offset, bool valid) =>
        Assert.Equal(valid, new ListUsersQueryValidator().Validate(new ListUsersQuery(limit, offset)).IsValid);

    [Theory]
    [InlineData(1, "admin", true)]
    [InlineData(1, "user", true)]
    [InlineData(1, "Admin", false)]
    [InlineData(1, "", false)]
    [InlineData(0, "user", false)]
    public void ChangeUserRoleValidator_ShouldAcceptOnlyKnownRolesAndPositiveIds(int userId, string role, bool valid) =>
        Assert.Equal(valid, new ChangeUserRoleCommandValidator().Validate(new ChangeUserRoleCommand(userId, role)).IsValid);
}
