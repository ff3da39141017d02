using EventBooking.Domain.Common;

namespace EventBooking.Domain.UnitTests.Common;

public sealed class ResultTests
{
    [Fact]
    public void Value_WhenResultFailed_ShouldThrowRatherThanReturnDefault()
    {
        Result<int> failed = Error.NotFound("Event not found");

        Assert.True(failed.IsFailure);
        Assert.Throws<InvalidOperationException>(() => failed.Value);
    }

    [Fact]
    public void ImplicitConversion_FromValue_ShouldBeASuccess()
    {
        Result<string> result = "ok";

        Assert.True(result.IsSuccess);
        Assert.Null(result.Error);
        Assert.Equal("ok", result.Value);
    }

    [Theory]
    [InlineData(ErrorType.Validation, "VALIDATION_ERROR")]
    [InlineData(ErrorType.NotFound, "NOT_FOUND")]
    [InlineData(ErrorType.Forbidden, "FORBIDDEN")]
    [InlineData(ErrorType.Unauthorized, "UNAUTHORIZED")]
    [InlineData(ErrorType.Conflict, "CONFLICT")]
    public void ErrorFactories_ShouldUseTheContractCodes(ErrorType type, string code)
    {
        var error = type switch
        {
            ErrorType.Validation => Error.Validation("m"),
            ErrorType.NotFound => Error.NotFound("m"),
            ErrorType.Forbidden => Error.Forbidden("m"),
            ErrorType.Unauthorized => Error.Unauthorized("m"),
            _ => Error.Conflict("m"),
        };

        Assert.Equal(type, error.Type);
        Assert.Equal(code, error.Code);
    }
}
