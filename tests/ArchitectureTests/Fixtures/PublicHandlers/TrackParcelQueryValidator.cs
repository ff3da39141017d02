using FluentValidation;

namespace EventBooking.ArchitectureTests.Fixtures.PublicHandlers;

/// <summary>Control: an internal validator, so the rule must not report it.</summary>
internal sealed class TrackParcelQueryValidator : AbstractValidator<TrackParcelQuery>
{
    public TrackParcelQueryValidator() => RuleFor(q => q.TrackingCode).NotEmpty();
}
