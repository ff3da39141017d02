using EventBooking.Application.Common.Notifications;
using FluentValidation;
using MediatR;

namespace EventBooking.Application.Waitlist.Commands.LeaveWaitlist;

/// <summary>The caller leaves the list; a pending offer is declined and its seat passes to the next in line.</summary>
public sealed record LeaveWaitlistCommand(int EventId) : IRequest<Domain.Common.Result<string>>, IChangesSeats;

internal sealed class LeaveWaitlistCommandValidator : AbstractValidator<LeaveWaitlistCommand>
{
    public LeaveWaitlistCommandValidator() => RuleFor(c => c.EventId).GreaterThan(0).WithMessage("Event id must be a positive integer");
}
