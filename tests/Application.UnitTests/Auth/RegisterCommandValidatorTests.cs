using EventBooking.Application.Auth.Commands.Register;

namespace EventBooking.Application.UnitTests.Auth;

public sealed class RegisterCommandValidatorTests
{
    private readonly RegisterCommandValidator _validator = new();

    [Fact]
    public void Validate_WhenEverythingIsWellFormed_ShouldPass() =>
        Assert.True(_validator.Validate(new RegisterCommand(" John@Example.com ", " John ", "password123")).IsValid);

    [Theory]
    [InlineData("", "Email is required")]
    [InlineData("   ", "Email is required")]
    [InlineData("not-an-email", "Email must be a valid email address")]
    [InlineData("a@b", "Email must be a valid email address")]
    [InlineData("a b@example.com", "Email must be a valid email address")]
    public void Validate_WhenEmailIsBad_ShouldNameTheEmailField(string email, string message)
    {
        var result = _validator.Validate(new RegisterCommand(email, "John", "password123"));

        var failure = Assert.Single(result.Errors);
        Assert.Equal("Email", failure.PropertyName);
        Assert.Equal(message, failure.ErrorMessage);
    }

    [Fact]
    public void Validate_WhenEmailIsLongerThan255_ShouldFail() =>
        Assert.False(_validator.Validate(new RegisterCommand(new string('a', 250) + "@x.com", "John", "password123")).IsValid);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("J")]
    [InlineData(" J ")]
    public void Validate_WhenNameIsBlankOrTooShortAfterTrimming_ShouldFail(string name)
    {
        var failure = Assert.Single(_validator.Validate(new RegisterCommand("j@example.com", name, "password123")).Errors);

        Assert.Equal("Name", failure.PropertyName);
    }

    [Fact]
    public void Validate_WhenNameIs256Characters_ShouldFail() =>
        Assert.False(_validator.Validate(new RegisterCommand("j@example.com", new string('n', 256), "password123")).IsValid);

    [Theory]
    [InlineData("1234567", false)]
    [InlineData("12345678", true)]
    public void Validate_ShouldRequireAtLeastEightCharacters(string password, bool valid) =>
        Assert.Equal(valid, _validator.Validate(new RegisterCommand("j@example.com", "John", password)).IsValid);

    [Fact]
    public void Validate_WhenPasswordIs72AsciiBytes_ShouldPass() =>
        Assert.True(_validator.Validate(new RegisterCommand("j@example.com", "John", new string('p', 72))).IsValid);

    [Fact]
    public void Validate_WhenPasswordIs73Bytes_ShouldFailBecauseBcryptWouldTruncateIt()
    {
        var failure = Assert.Single(_validator.Validate(new RegisterCommand("j@example.com", "John", new string('p', 73))).Errors);

        Assert.Equal("Password must be at most 72 bytes", failure.ErrorMessage);
    }

    [Fact]
    public void Validate_WhenFewCharactersButMoreThan72Utf8Bytes_ShouldFail() =>
        Assert.False(_validator.Validate(new RegisterCommand("j@example.com", "John", new string('€', 25))).IsValid);
}
