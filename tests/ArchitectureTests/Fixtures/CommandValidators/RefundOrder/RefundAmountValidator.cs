using FluentValidation;

namespace EventBooking.ArchitectureTests.Fixtures.CommandValidators.RefundOrder;

/// <summary>The second validator of <see cref="RefundOrderCommand"/>.</summary>
internal sealed class RefundAmountValidator : AbstractValidator<RefundOrderCommand>
{
    public RefundAmountValidator() => RuleFor(c => c.Amount).GreaterThan(0);
}
