using EventBooking.Application.Common.Behaviours;
using EventBooking.Domain.Common;
using FluentValidation;
using MediatR;

namespace EventBooking.Application.UnitTests.Common;

public sealed class ValidationBehaviourTests
{
    public sealed record Probe(string Name, int Count) : IRequest<Result<string>>;

    private sealed class ProbeValidator : AbstractValidator<Probe>
    {
        public ProbeValidator()
        {
            RuleFor(p => p.Name).NotEmpty().WithMessage("Name is required");
            RuleFor(p => p.Count).GreaterThan(0).WithMessage("Count must be positive");
        }
    }

    [Fact]
    public async Task Handle_WhenRequestIsInvalid_ShouldReturnValidationErrorWithEveryFieldAndNotCallTheHandler()
    {
        var behaviour = new ValidationBehaviour<Probe, Result<string>>([new ProbeValidator()]);
        var handlerCalled = false;

        var result = await behaviour.Handle(new Probe("", 0), CancellationToken.None, () =>
        {
            handlerCalled = true;
            return Task.FromResult(Result<string>.Success("handled"));
        });

        Assert.False(handlerCalled);
        Assert.Equal(ErrorType.Validation, result.Error!.Type);
        Assert.Equal("VALIDATION_ERROR", result.Error.Code);
        Assert.Equal(
            [new ErrorDetail("name", "Name is required"), new ErrorDetail("count", "Count must be positive")],
            result.Error.Details);
        Assert.Equal("Validation failed: Name is required; Count must be positive", result.Error.Message);
    }

    [Fact]
    public async Task Handle_WhenOneFieldIsInvalid_ShouldUseItsMessageAsTheErrorMessage()
    {
        var behaviour = new ValidationBehaviour<Probe, Result<string>>([new ProbeValidator()]);

        var result = await behaviour.Handle(new Probe("ok", 0), CancellationToken.None, () => Task.FromResult(Result<string>.Success("x")));

        Assert.Equal("Count must be positive", result.Error!.Message);
    }

    [Fact]
    public async Task Handle_WhenRequestIsValid_ShouldReturnTheHandlerResult()
    {
        var behaviour = new ValidationBehaviour<Probe, Result<string>>([new ProbeValidator()]);

        var result = await behaviour.Handle(new Probe("ok", 1), CancellationToken.None, () => Task.FromResult(Result<string>.Success("handled")));

        Assert.Equal("handled", result.Value);
    }
}
