using EventBooking.Application.Auth.Commands.Login;
using EventBooking.Application.Common.Interfaces;
using EventBooking.Application.UnitTests.Common;
using EventBooking.Domain.Users;
using NSubstitute;

namespace EventBooking.Application.UnitTests.Auth;

public sealed class LoginCommandHandlerTests
{
    private readonly IUserRepository _users = Substitute.For<IUserRepository>();
    private readonly IPasswordHasher _hasher = Substitute.For<IPasswordHasher>();
    private readonly ITokenIssuer _tokens = Substitute.For<ITokenIssuer>();
    private readonly ILoginThrottle _throttle = Substitute.For<ILoginThrottle>();
    private readonly ICurrentUser _caller = Substitute.For<ICurrentUser>();
    private readonly TestMetrics _metrics = new();
    private readonly LoginCommandHandler _handler;

    public LoginCommandHandlerTests()
    {
        _tokens.Issue(Arg.Any<User>()).Returns(new AccessToken("jwt", TestUsers.Now.AddDays(1)));
        _throttle.LockedFor(Arg.Any<string>(), Arg.Any<string>()).Returns((TimeSpan?)null);
        _caller.Client.Returns("203.0.113.7");
        _handler = new LoginCommandHandler(_users, _hasher, _tokens, _throttle, _caller, DependencyInjectionMapper.Create(), _metrics.Metrics);
    }

    [Fact]
    public async Task Handle_WhenPasswordMatches_ShouldReturnTheUserAndAToken()
    {
        var user = TestUsers.Regular();
        _users.GetByEmailAsync("john@example.com", Arg.Any<CancellationToken>()).Returns(user);
        _hasher.VerifyAsync("password123", user.PasswordHash, Arg.Any<CancellationToken>()).Returns(true);

        var result = await _handler.Handle(new LoginCommand(" John@Example.com", "password123"), CancellationToken.None);

        Assert.Equal("jwt", result.Value.Token);
        Assert.Equal("john@example.com", result.Value.User.Email);
    }

    [Fact]
    public async Task Handle_WhenTheHasherIsBusy_ShouldShedTheLoginBeforeLookingTheUserUp()
    {
        _hasher.IsBusy.Returns(true);

        await Assert.ThrowsAsync<EventBooking.Application.Common.Exceptions.ServiceBusyException>(
            () => _handler.Handle(new LoginCommand("john@example.com", "password123"), CancellationToken.None));

        await _users.DidNotReceiveWithAnyArgs().GetByEmailAsync(default!, default);
        await _hasher.DidNotReceiveWithAnyArgs().VerifyAsync(default!, default, default);
    }

    [Fact]
    public async Task Handle_WhenPasswordIsWrong_ShouldReturnInvalidCredentials()
    {
        var user = TestUsers.Regular();
        _users.GetByEmailAsync("john@example.com", Arg.Any<CancellationToken>()).Returns(user);
        _hasher.VerifyAsync("wrong", user.PasswordHash, Arg.Any<CancellationToken>()).Returns(false);

        var result = await _handler.Handle(new LoginCommand("john@example.com", "wrong"), CancellationToken.None);

        Assert.Equal(UserErrors.InvalidCredentials, result.Error);
        _tokens.DidNotReceiveWithAnyArgs().Issue(default!);
        Assert.Equal(1, _metrics.Sum("eventbooking.logins", "failed"));
        Assert.Equal(0, _metrics.Sum("eventbooking.logins", "succeeded"));
    }

    [Fact]
    public async Task Handle_WhenEmailIsUnknown_ShouldStillVerifySoBothFailuresCostTheSame()
    {
        _users.GetByEmailAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns((User?)null);

        var result = await _handler.Handle(new LoginCommand("ghost@example.com", "password123"), CancellationToken.None);

        Assert.Equal(UserErrors.InvalidCredentials, result.Error);
        await _hasher.Received(1).VerifyAsync("password123", null, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Handle_WhenTheAccountIsLocked_ShouldAnswer429WithoutVerifyingAnything()
    {
        _throttle.LockedFor("john@example.com", "203.0.113.7").Returns(TimeSpan.FromMinutes(7));

        var result = await _handler.Handle(new LoginCommand("John@example.com", "password123"), CancellationToken.None);

        Assert.Equal("RATE_LIMITED", result.Error!.Code);
        Assert.Equal(TimeSpan.FromMinutes(7), result.Error.RetryAfter);
        await _hasher.DidNotReceiveWithAnyArgs().VerifyAsync(default!, default, default);
    }

    [Fact]
    public async Task Handle_ShouldCountFailuresAndClearThemOnSuccess()
    {
        var user = TestUsers.Regular();
        _users.GetByEmailAsync("john@example.com", Arg.Any<CancellationToken>()).Returns(user);
        _hasher.VerifyAsync("wrong", user.PasswordHash, Arg.Any<CancellationToken>()).Returns(false);
        _hasher.VerifyAsync("right", user.PasswordHash, Arg.Any<CancellationToken>()).Returns(true);

        await _handler.Handle(new LoginCommand("john@example.com", "wrong"), CancellationToken.None);
        await _handler.Handle(new LoginCommand("john@example.com", "right"), CancellationToken.None);

        Received.InOrder(() =>
        {
            _throttle.RecordFailure("john@example.com", "203.0.113.7");
            _throttle.RecordSuccess("john@example.com", "203.0.113.7");
        });
    }
}
