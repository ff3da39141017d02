using EventBooking.Application.Auth.Commands.Login;

namespace EventBooking.Application.UnitTests.Auth;

public sealed class LoginCommandValidatorTests
{
    private readonly LoginCommandValidator _validator = new();

    [Fact]
    public void Validate_WhenALegacySixCharacterPasswordIsGiven_ShouldPass() =>
        Assert.True(_validator.Validate(new LoginCommand("john@example.com", "secret")).IsValid);

    [Theory]
    [InlineData("", "password123", "Email")]
    [InlineData("john@example.com", "", "Password")]
    public void Validate_WhenAFieldIsMissing_ShouldNameIt(string email, string password, string field) =>
        Assert.Equal(field, Assert.Single(_validator.Validate(new LoginCommand(email, password)).Errors).PropertyName);

    [Fact]
    public void Validate_WhenPasswordIsAbsurdlyLong_ShouldFailBeforeAnyHashing() =>
        Assert.False(_validator.Validate(new LoginCommand("john@example.com", new string('p', 1025))).IsValid);
}
