using EventBooking.Application.Tickets;
using EventBooking.Application.Tickets.Commands.CheckIn;
using EventBooking.Application.Tickets.Commands.UndoCheckIn;
using EventBooking.Application.Tickets.Queries.GetTicket;
using EventBooking.Application.Tickets.Queries.GetTicketImage;
using EventBooking.Application.Tickets.Queries.GetTicketKeys;
using EventBooking.WebApi.Contracts.Bookings;
using EventBooking.WebApi.Http;
using EventBooking.WebApi.OpenApi;
using MediatR;

namespace EventBooking.WebApi.Endpoints;

/// <summary>
/// Tickets and door check-in (docs/api.md, docs/adr/0017): a confirmed booking's signed ticket and its QR code, the
/// public keys that verify tickets offline, and check-in by the event's creator or an admin.
/// </summary>
internal static class TicketEndpoints
{
    public const string JwkSetContentType = "application/jwk-set+json";

    public static IEndpointRouteBuilder MapTicketEndpoints(this IEndpointRouteBuilder app)
    {
        var tickets = app.MapGroup("/api/bookings/{bookingId}").WithTags("Tickets").RequireAuthorization();

        tickets.MapGet("/ticket", Get)
            .WithName("GetTicket")
            .WithSummary("The ticket of a confirmed booking, with its signed token (the booking's holder or an admin)")
            .Produces<SuccessEnvelope<TicketResponse>>()
            .ProducesErrors(400, 401, 403, 404, 409, 429, 503);

        tickets.MapGet("/ticket.png", (string bookingId, IMediator mediator, HttpResponse response, CancellationToken cancellationToken) =>
                ImageAsync(bookingId, TicketImageFormat.Png, mediator, response, cancellationToken))
            .WithName("GetTicketPng")
            .WithSummary("The ticket's token as a QR code, PNG")
            .ProducesFile("image/png")
            .ProducesErrors(400, 401, 403, 404, 409, 429, 503);

        tickets.MapGet("/ticket.svg", (string bookingId, IMediator mediator, HttpResponse response, CancellationToken cancellationToken) =>
                ImageAsync(bookingId, TicketImageFormat.Svg, mediator, response, cancellationToken))
            .WithName("GetTicketSvg")
            .WithSummary("The ticket's token as a QR code, SVG")
            .ProducesFile("image/svg+xml")
            .ProducesErrors(400, 401, 403, 404, 409, 429, 503);

        app.MapGet("/api/tickets/keys", Keys)
            .WithTags("Tickets")
            .AllowAnonymous()
            .WithName("GetTicketKeys")
            .WithSummary("The public keys that verify tickets (ES256), as a JWK Set: verify a ticket offline with any JOSE library")
            .Produces<TicketKeySet>(StatusCodes.Status200OK, JwkSetContentType)
            .ProducesErrors(429, 503);

        var door = app.MapGroup("/api/events/{id}").WithTags("Tickets").RequireAuthorization();

        door.MapPost("/check-ins", CheckIn)
            .RequireRateLimiting(RateLimiting.RateLimiting.DoorPolicy)
            .WithName("CheckIn")
            .WithSummary("Check in the holder of a scanned ticket, once (the event's creator or an admin)")
            .Accepts<CheckInRequest>("application/json")
            .Produces<SuccessEnvelope<CheckInResponse>>()
            .ProducesErrors(400, 401, 403, 404, 409, 413, 415, 422, 429, 503);

        door.MapDelete("/check-ins/{bookingId}", UndoCheckIn)
            .WithName("UndoCheckIn")
            .WithSummary("Undo a mistaken check-in (the event's creator or an admin)")
            .Produces<MessageEnvelope>()
            .ProducesErrors(400, 401, 403, 404, 429, 503);

        return app;
    }

    private static async Task<IResult> Get(string bookingId, IMediator mediator, HttpResponse response, CancellationToken cancellationToken)
    {
        response.Headers.CacheControl = "no-store";
        return (await mediator.Send(new GetTicketQuery(bookingId), cancellationToken)).ToHttpResult();
    }

    private static async Task<IResult> ImageAsync(
        string bookingId, TicketImageFormat format, IMediator mediator, HttpResponse response, CancellationToken cancellationToken)
    {
        var image = await mediator.Send(new GetTicketImageQuery(bookingId, format), cancellationToken);
        if (image.IsFailure)
        {
            return new ErrorResult(image.Error!);
        }

        // A ticket admits its holder: no shared cache may keep it.
        response.Headers.CacheControl = "no-store";
        return Results.File(image.Value.Content, image.Value.ContentType);
    }

    private static async Task<IResult> Keys(IMediator mediator, HttpResponse response, CancellationToken cancellationToken)
    {
        // Scanners may cache the keys; five minutes bounds how long a newly added key goes unseen.
        response.Headers.CacheControl = "public, max-age=300";
        return Results.Json(await mediator.Send(new GetTicketKeysQuery(), cancellationToken), contentType: JwkSetContentType);
    }

    private static async Task<IResult> CheckIn(int id, CheckInRequest request, IMediator mediator, CancellationToken cancellationToken) =>
        (await mediator.Send(new CheckInCommand(id, request.Token ?? string.Empty), cancellationToken)).ToHttpResult();

    private static async Task<IResult> UndoCheckIn(int id, string bookingId, IMediator mediator, CancellationToken cancellationToken) =>
        (await mediator.Send(new UndoCheckInCommand(id, bookingId), cancellationToken)).ToMessageResult();
}
