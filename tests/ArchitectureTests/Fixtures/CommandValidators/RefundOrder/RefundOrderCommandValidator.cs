using FluentValidation;

namespace EventBooking.ArchitectureTests.Fixtures.CommandValidators.RefundOrder;

internal sealed class RefundOrderCommandValidator : AbstractValidator<RefundOrderCommand>
{
    public RefundOrderCommandValidator() => RuleFor(c => c.OrderId).GreaterThan(0);
}
