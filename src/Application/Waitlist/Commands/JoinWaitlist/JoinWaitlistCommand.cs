using FluentValidation;
using MediatR;

namespace EventBooking.Application.Waitlist.Commands.JoinWaitlist;

/// <summary>The caller queues for a sold-out event (<c>POST /api/events/{id}/waitlist</c>).</summary>
public sealed record JoinWaitlistCommand(int EventId) : IRequest<Domain.Common.Result<WaitlistEntryResponse>>;

internal sealed class JoinWaitlistCommandValidator : AbstractValidator<JoinWaitlistCommand>
{
    public JoinWaitlistCommandValidator() => RuleFor(c => c.EventId).GreaterThan(0).WithMessage("Event id must be a positive integer");
}
