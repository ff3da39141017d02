using EventBooking.Application.Common.Interfaces;
using EventBooking.Application.UnitTests.Common;
using EventBooking.Application.Users.Commands.ChangeUserRole;
using EventBooking.Domain.Users;
using NSubstitute;

namespace EventBooking.Application.UnitTests.Users;

public sealed class ChangeUserRoleCommandHandlerTests
{
    private readonly IUserRepository _users = Substitute.For<IUserRepository>();
    private readonly IUnitOfWork _unitOfWork = Substitute.For<IUnitOfWork>();
    private readonly ChangeUserRoleCommandHandler _handler;

    public ChangeUserRoleCommandHandlerTests()
    {
        _handler = new ChangeUserRoleCommandHandler(_users, _unitOfWork, DependencyInjectionMapper.Create());
    }

    [Fact]
    public async Task Handle_WhenUserDoesNotExist_ShouldReturnNotFound()
    {
        var result = await _handler.Handle(new ChangeUserRoleCommand(42, Roles.Admin), CancellationToken.None);

        Assert.Equal(UserErrors.NotFound, result.Error);
        await _unitOfWork.DidNotReceiveWithAnyArgs().SaveChangesAsync(default);
    }

    [Fact]
    public async Task Handle_WhenDemotingTheLastAdmin_ShouldRefuseAndSaveNothing()
    {
        var admin = TestUsers.Admin();
        _users.GetByIdAsync(1, Arg.Any<CancellationToken>()).Returns(admin);
        _users.CountAdminsForUpdateAsync(Arg.Any<CancellationToken>()).Returns(1);

        var result = await _handler.Handle(new ChangeUserRoleCommand(1, Roles.User), CancellationToken.None);

        Assert.Equal(UserErrors.LastAdmin, result.Error);
        Assert.True(admin.IsAdmin);
        await _unitOfWork.DidNotReceiveWithAnyArgs().SaveChangesAsync(default);
    }

    [Fact]
    public async Task Handle_WhenAnotherAdminRemains_ShouldDemoteAndSave()
    {
        var admin = TestUsers.Admin();
        _users.GetByIdAsync(1, Arg.Any<CancellationToken>()).Returns(admin);
        _users.CountAdminsForUpdateAsync(Arg.Any<CancellationToken>()).Returns(2);

        var result = await _handler.Handle(new ChangeUserRoleCommand(1, Roles.User), CancellationToken.None);

        Assert.Equal(Roles.User, result.Value.Role);
        Assert.False(admin.IsAdmin);
        await _unitOfWork.Received(1).SaveChangesAsync(Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Handle_WhenPromotingAUser_ShouldNotNeedToCountAdmins()
    {
        var user = TestUsers.Regular();
        _users.GetByIdAsync(2, Arg.Any<CancellationToken>()).Returns(user);

        var result = await _handler.Handle(new ChangeUserRoleCommand(2, Roles.Admin), CancellationToken.None);

        Assert.Equal(Roles.Admin, result.Value.Role);
        await _users.DidNotReceiveWithAnyArgs().CountAdminsForUpdateAsync(default);
        await _unitOfWork.Received(1).SaveChangesAsync(Arg.Any<CancellationToken>());
    }
}
