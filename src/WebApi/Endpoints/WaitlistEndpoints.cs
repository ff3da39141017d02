using EventBooking.Application.Bookings;
using EventBooking.Application.Common.Paging;
using EventBooking.Application.Waitlist;
using EventBooking.Application.Waitlist.Commands.AcceptWaitlistOffer;
using EventBooking.Application.Waitlist.Commands.JoinWaitlist;
using EventBooking.Application.Waitlist.Commands.LeaveWaitlist;
using EventBooking.Application.Waitlist.Queries.GetEventWaitlist;
using EventBooking.Application.Waitlist.Queries.GetMyWaitlistEntry;
using EventBooking.Application.Waitlist.Queries.GetWaitlistEntry;
using EventBooking.WebApi.Http;
using EventBooking.WebApi.OpenApi;
using MediatR;

namespace EventBooking.WebApi.Endpoints;

/// <summary>
/// The waiting list of a sold-out event (docs/api.md, docs/adr/0016): join, see your place, leave, accept an offer;
/// the event's creator or an admin sees the whole list. Offers are made by the seat ledger when a seat frees.
/// </summary>
internal static class WaitlistEndpoints
{
    public static IEndpointRouteBuilder MapWaitlistEndpoints(this IEndpointRouteBuilder app)
    {
        var waitlist = app.MapGroup("/api/events/{id}").WithTags("Waiting list").RequireAuthorization();

        waitlist.MapPost("/waitlist", Join)
            .WithName("JoinWaitlist")
            .WithSummary("Queue for a sold-out event; when a seat frees, the first in line gets it held for a limited time")
            .Produces<SuccessEnvelope<WaitlistEntryResponse>>(StatusCodes.Status201Created)
            .ProducesErrors(400, 401, 404, 409, 429, 503);

        waitlist.MapGet("/waitlist/me", Mine)
            .WithName("GetMyWaitlistEntry")
            .WithSummary("The caller's place (position while waiting, offerExpiresAt while an offer is pending) and its history")
            .Produces<SuccessEnvelope<WaitlistEntryResponse>>()
            .ProducesErrors(400, 401, 404, 429, 503);

        waitlist.MapDelete("/waitlist", Leave)
            .WithName("LeaveWaitlist")
            .WithSummary("Leave the list; a pending offer is declined and its seat goes to the next in line")
            .Produces<MessageEnvelope>()
            .ProducesErrors(400, 401, 404, 429, 503);

        waitlist.MapPost("/waitlist/accept", Accept)
            .WithName("AcceptWaitlistOffer")
            .WithSummary("Turn a pending offer into a confirmed booking (answered like POST /api/bookings)")
            .Produces<SuccessEnvelope<BookingCreatedResponse>>(StatusCodes.Status201Created)
            .ProducesErrors(400, 401, 404, 409, 429, 503);

        waitlist.MapGet("/waitlist", List)
            .WithName("GetEventWaitlist")
            .WithSummary("The event's waiting list in queue order, with names and emails (its creator or an admin)")
            .Produces<SuccessEnvelope<EventWaitlistResponse>>()
            .ProducesErrors(400, 401, 403, 404, 429, 503);

        waitlist.MapGet("/waitlist/history", ForUser)
            .WithName("GetWaitlistEntry")
            .WithSummary("One user's latest entry for the event (?userId=N), with its audit trail (its creator or an admin)")
            .Produces<SuccessEnvelope<WaitlistEntryResponse>>()
            .ProducesErrors(400, 401, 403, 404, 429, 503);

        return app;
    }

    private static async Task<IResult> Join(int id, IMediator mediator, CancellationToken cancellationToken) =>
        (await mediator.Send(new JoinWaitlistCommand(id), cancellationToken)).ToHttpResult(StatusCodes.Status201Created);

    private static async Task<IResult> Mine(int id, IMediator mediator, CancellationToken cancellationToken) =>
        (await mediator.Send(new GetMyWaitlistEntryQuery(id), cancellationToken)).ToHttpResult();

    private static async Task<IResult> Leave(int id, IMediator mediator, CancellationToken cancellationToken) =>
        (await mediator.Send(new LeaveWaitlistCommand(id), cancellationToken)).ToMessageResult();

    private static async Task<IResult> Accept(int id, IMediator mediator, CancellationToken cancellationToken) =>
        (await mediator.Send(new AcceptWaitlistOfferCommand(id), cancellationToken)).ToHttpResult(StatusCodes.Status201Created);

    private static async Task<IResult> ForUser(int id, int? userId, IMediator mediator, CancellationToken cancellationToken) =>
        (await mediator.Send(new GetWaitlistEntryQuery(id, userId ?? 0), cancellationToken)).ToHttpResult();

    private static async Task<IResult> List(int id, int? limit, int? offset, IMediator mediator, CancellationToken cancellationToken) =>
        (await mediator.Send(new GetEventWaitlistQuery(id, limit ?? Paging.DefaultLimit, offset ?? 0), cancellationToken)).ToHttpResult();
}
