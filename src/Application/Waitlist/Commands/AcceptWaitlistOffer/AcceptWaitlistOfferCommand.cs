using EventBooking.Application.Bookings;
using EventBooking.Application.Common.Notifications;
using FluentValidation;
using MediatR;

namespace EventBooking.Application.Waitlist.Commands.AcceptWaitlistOffer;

/// <summary>The caller turns a pending offer into a confirmed booking; answered like <c>POST /api/bookings</c>.</summary>
public sealed record AcceptWaitlistOfferCommand(int EventId) : IRequest<Domain.Common.Result<BookingCreatedResponse>>, IChangesSeats;

internal sealed class AcceptWaitlistOfferCommandValidator : AbstractValidator<AcceptWaitlistOfferCommand>
{
    public AcceptWaitlistOfferCommandValidator() => RuleFor(c => c.EventId).GreaterThan(0).WithMessage("Event id must be a positive integer");
}
