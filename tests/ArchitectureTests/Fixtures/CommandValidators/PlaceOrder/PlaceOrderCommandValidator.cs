using FluentValidation;

namespace EventBooking.ArchitectureTests.Fixtures.CommandValidators.PlaceOrder;

internal sealed class PlaceOrderCommandValidator : AbstractValidator<PlaceOrderCommand>
{
    public PlaceOrderCommandValidator() => RuleFor(c => c.Quantity).GreaterThan(0);
}
