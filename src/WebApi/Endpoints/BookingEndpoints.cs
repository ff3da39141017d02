using EventBooking.Application.Bookings;
using EventBooking.Application.Bookings.Commands.CancelBooking;
using EventBooking.Application.Bookings.Commands.CreateBooking;
using EventBooking.Application.Bookings.Commands.TransferBooking;
using EventBooking.Application.Bookings.Queries.ExportEventAttendees;
using EventBooking.Application.Bookings.Queries.GetBooking;
using EventBooking.Application.Bookings.Queries.GetBookingHistory;
using EventBooking.Application.Bookings.Queries.GetEventBookings;
using EventBooking.Application.Bookings.Queries.GetMyBookings;
using EventBooking.Application.Common.Paging;
using EventBooking.WebApi.Contracts.Bookings;
using EventBooking.WebApi.Http;
using EventBooking.WebApi.OpenApi;
using MediatR;

namespace EventBooking.WebApi.Endpoints;

/// <summary>Contract section 5: book, view, cancel, list, and the audit trail.</summary>
internal static class BookingEndpoints
{
    public static IEndpointRouteBuilder MapBookingEndpoints(this IEndpointRouteBuilder app)
    {
        var bookings = app.MapGroup("/api/bookings").WithTags("Bookings").RequireAuthorization();

        bookings.MapPost("", Create)
            .WithIdempotencyKey()
            .WithName("CreateBooking")
            .WithSummary("Book one seat; send an Idempotency-Key header to retry safely")
            .Accepts<CreateBookingRequest>("application/json")
            .Produces<SuccessEnvelope<BookingCreatedResponse>>(StatusCodes.Status201Created)
            .ProducesErrors(400, 401, 404, 409, 413, 415, 422, 429, 503);

        bookings.MapGet("/user/me", Mine)
            .WithName("GetMyBookings")
            .WithSummary("The caller's bookings, newest first")
            .Produces<SuccessEnvelope<MyBookingsResponse>>()
            .ProducesErrors(400, 401, 429, 503);

        bookings.MapGet("/admin/events/{id}", ForEvent)
            .WithName("GetEventBookings")
            .WithSummary("An event's bookings, newest first (its creator or an admin)")
            .Produces<SuccessEnvelope<EventBookingsResponse>>()
            .ProducesErrors(400, 401, 403, 404, 429, 503);

        bookings.MapGet("/admin/events/{id}/export", Export)
            .WithName("ExportEventAttendees")
            .WithSummary("The event's attendees as CSV, streamed (its creator or an admin)")
            .ProducesFile("text/csv")
            .ProducesErrors(400, 401, 403, 404, 429, 503);

        bookings.MapGet("/{bookingId}", Get)
            .WithName("GetBooking")
            .WithSummary("One booking (its owner or an admin; only admins see the owner)")
            .Produces<SuccessEnvelope<BookingDetailResponse>>()
            .ProducesErrors(400, 401, 403, 404, 429, 503);

        bookings.MapGet("/{bookingId}/history", History)
            .WithName("GetBookingHistory")
            .WithSummary("The booking's audit trail, oldest first (its owner or an admin)")
            .Produces<SuccessEnvelope<BookingHistoryResponse>>()
            .ProducesErrors(400, 401, 403, 404, 429, 503);

        bookings.MapPost("/{bookingId}/transfer", Transfer)
            .WithName("TransferBooking")
            .WithSummary("Hand a confirmed booking to another account, by its email (the booking's owner or an admin), not for past events")
            .Accepts<TransferBookingRequest>("application/json")
            .Produces<SuccessEnvelope<BookingTransferredResponse>>()
            .ProducesErrors(400, 401, 403, 404, 409, 413, 415, 429, 503);

        bookings.MapDelete("/{bookingId}", Cancel)
            .WithName("CancelBooking")
            .WithSummary("Cancel a booking (its owner or an admin), not for past events")
            .Produces<MessageEnvelope>()
            .ProducesErrors(400, 401, 403, 404, 409, 429, 503);

        return app;
    }

    private static async Task<IResult> Create(CreateBookingRequest request, IMediator mediator, CancellationToken cancellationToken) =>
        (await mediator.Send(new CreateBookingCommand(request.EventId ?? 0), cancellationToken)).ToHttpResult(StatusCodes.Status201Created);

    private static async Task<IResult> Mine(int? limit, int? offset, IMediator mediator, CancellationToken cancellationToken) =>
        (await mediator.Send(new GetMyBookingsQuery(limit ?? Paging.DefaultLimit, offset ?? 0), cancellationToken)).ToHttpResult();

    private static async Task<IResult> ForEvent(int id, int? limit, int? offset, IMediator mediator, CancellationToken cancellationToken) =>
        (await mediator.Send(new GetEventBookingsQuery(id, limit ?? Paging.DefaultLimit, offset ?? 0), cancellationToken)).ToHttpResult();

    private static async Task<IResult> Export(int id, IMediator mediator, CancellationToken cancellationToken)
    {
        var export = await mediator.Send(new ExportEventAttendeesQuery(id), cancellationToken);
        return export.IsFailure
            ? new ErrorResult(export.Error!)
            : new CsvResult<AttendeeRow>($"event-{export.Value.EventId}-attendees.csv", AttendeeCsv.Header, export.Value.Rows, AttendeeCsv.Cells);
    }

    private static async Task<IResult> Get(string bookingId, IMediator mediator, CancellationToken cancellationToken) =>
        (await mediator.Send(new GetBookingQuery(bookingId), cancellationToken)).ToHttpResult();

    private static async Task<IResult> History(string bookingId, IMediator mediator, CancellationToken cancellationToken) =>
        (await mediator.Send(new GetBookingHistoryQuery(bookingId), cancellationToken)).ToHttpResult();

    private static async Task<IResult> Transfer(
        string bookingId, TransferBookingRequest request, IMediator mediator, CancellationToken cancellationToken) =>
        (await mediator.Send(new TransferBookingCommand(bookingId, request.Email ?? string.Empty), cancellationToken)).ToHttpResult();

    private static async Task<IResult> Cancel(string bookingId, IMediator mediator, CancellationToken cancellationToken) =>
        (await mediator.Send(new CancelBookingCommand(bookingId), cancellationToken)).ToMessageResult();
}
