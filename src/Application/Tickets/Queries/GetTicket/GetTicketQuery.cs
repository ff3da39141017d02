using EventBooking.Application.Bookings;
using EventBooking.Domain.Common;
using FluentValidation;
using MediatR;

namespace EventBooking.Application.Tickets.Queries.GetTicket;

/// <summary>The ticket of a confirmed booking, for its holder or an admin; each call signs a fresh token.</summary>
public sealed record GetTicketQuery(string BookingId) : IRequest<Result<TicketResponse>>;

internal sealed class GetTicketQueryValidator : AbstractValidator<GetTicketQuery>
{
    public GetTicketQueryValidator() => RuleFor(q => (string?)q.BookingId).ValidBookingId().OverridePropertyName("BookingId");
}

internal sealed class GetTicketQueryHandler(TicketDesk desk) : IRequestHandler<GetTicketQuery, Result<TicketResponse>>
{
    public Task<Result<TicketResponse>> Handle(GetTicketQuery query, CancellationToken cancellationToken) =>
        desk.IssueAsync(query.BookingId, cancellationToken);
}
