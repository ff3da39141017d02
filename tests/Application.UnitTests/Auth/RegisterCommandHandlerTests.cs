using EventBooking.Application.Auth.Commands.Register;
using EventBooking.Application.Common.Interfaces;
using EventBooking.Application.UnitTests.Common;
using EventBooking.Domain.Users;
using NSubstitute;

namespace EventBooking.Application.UnitTests.Auth;

public sealed class RegisterCommandHandlerTests
{
    private readonly IUserRepository _users = Substitute.For<IUserRepository>();
    private readonly IPasswordHasher _hasher = Substitute.For<IPasswordHasher>();
    private readonly ITokenIssuer _tokens = Substitute.For<ITokenIssuer>();
    private readonly RegisterCommandHandler _handler;

    public RegisterCommandHandlerTests()
    {
        _hasher.HashAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns("$2b$12$hashed");
        _tokens.Issue(Arg.Any<User>()).Returns(new AccessToken("jwt", TestUsers.Now.AddDays(1)));
        _handler = new RegisterCommandHandler(
            _users, _hasher, _tokens, new FixedClock(TestUsers.Now), DependencyInjectionMapper.Create());
    }

    [Fact]
    public async Task Handle_WhenEmailIsNew_ShouldStoreANormalisedRegularUserAndReturnAToken()
    {
        _users.TryAddAsync(Arg.Any<User>(), Arg.Any<CancellationToken>()).Returns(true);

        var result = await _handler.Handle(new RegisterCommand(" New@Example.COM ", "  Newbie ", "password123"), CancellationToken.None);

        Assert.True(result.IsSuccess);
        Assert.Equal("jwt", result.Value.Token);
        Assert.Equal(new EventBooking.Application.Auth.AuthUserResponse(0, "new@example.com", "Newbie", "user"), result.Value.User);
        await _users.Received(1).TryAddAsync(
            Arg.Is<User>(u => u.Email == "new@example.com" && u.PasswordHash == "$2b$12$hashed" && u.Role == Roles.User),
            Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Handle_WhenEmailIsTaken_ShouldReturnConflictWithoutHashing()
    {
        _users.EmailExistsAsync("john@example.com", Arg.Any<CancellationToken>()).Returns(true);

        var result = await _handler.Handle(new RegisterCommand("JOHN@example.com", "John", "password123"), CancellationToken.None);

        Assert.Equal(UserErrors.EmailAlreadyExists, result.Error);
        await _hasher.DidNotReceiveWithAnyArgs().HashAsync(default!, default);
        await _users.DidNotReceiveWithAnyArgs().TryAddAsync(default!, default);
    }

    [Fact]
    public async Task Handle_WhenAnotherRequestWinsTheRace_ShouldReturnConflictAndIssueNoToken()
    {
        _users.TryAddAsync(Arg.Any<User>(), Arg.Any<CancellationToken>()).Returns(false);

        var result = await _handler.Handle(new RegisterCommand("john@example.com", "John", "password123"), CancellationToken.None);

        Assert.Equal(UserErrors.EmailAlreadyExists, result.Error);
        _tokens.DidNotReceiveWithAnyArgs().Issue(default!);
    }
}
