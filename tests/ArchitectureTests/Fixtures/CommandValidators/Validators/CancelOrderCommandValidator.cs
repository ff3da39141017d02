using EventBooking.ArchitectureTests.Fixtures.CommandValidators.CancelOrder;
using FluentValidation;

namespace EventBooking.ArchitectureTests.Fixtures.CommandValidators.Validators;

internal sealed class CancelOrderCommandValidator : AbstractValidator<CancelOrderCommand>
{
    public CancelOrderCommandValidator() => RuleFor(c => c.OrderId).GreaterThan(0);
}
