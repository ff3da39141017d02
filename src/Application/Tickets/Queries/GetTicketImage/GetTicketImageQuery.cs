using EventBooking.Application.Bookings;
using EventBooking.Domain.Common;
using FluentValidation;
using MediatR;

namespace EventBooking.Application.Tickets.Queries.GetTicketImage;

/// <summary>The ticket's token as a QR code (PNG or SVG), under the same rules as the ticket itself.</summary>
public sealed record GetTicketImageQuery(string BookingId, TicketImageFormat Format) : IRequest<Result<TicketImage>>;

internal sealed class GetTicketImageQueryValidator : AbstractValidator<GetTicketImageQuery>
{
    public GetTicketImageQueryValidator() => RuleFor(q => (string?)q.BookingId).ValidBookingId().OverridePropertyName("BookingId");
}

internal sealed class GetTicketImageQueryHandler(TicketDesk desk, ITicketCodeRenderer renderer)
    : IRequestHandler<GetTicketImageQuery, Result<TicketImage>>
{
    public async Task<Result<TicketImage>> Handle(GetTicketImageQuery query, CancellationToken cancellationToken)
    {
        var ticket = await desk.IssueAsync(query.BookingId, cancellationToken);
        if (ticket.IsFailure)
        {
            return ticket.Error!;
        }

        return query.Format == TicketImageFormat.Svg
            ? new TicketImage(System.Text.Encoding.UTF8.GetBytes(renderer.RenderSvg(ticket.Value.Token)), "image/svg+xml")
            : new TicketImage(renderer.RenderPng(ticket.Value.Token), "image/png");
    }
}
