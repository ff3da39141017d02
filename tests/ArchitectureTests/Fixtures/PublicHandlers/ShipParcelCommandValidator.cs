using FluentValidation;

namespace EventBooking.ArchitectureTests.Fixtures.PublicHandlers;

/// <summary>Planted violation: a public validator.</summary>
public sealed class ShipParcelCommandValidator : AbstractValidator<ShipParcelCommand>
{
    public ShipParcelCommandValidator() => RuleFor(c => c.TrackingCode).NotEmpty();
}
