using EventBooking.Application.Common.Paging;
using EventBooking.Application.Events;
using EventBooking.Application.Events.Commands.CreateEvent;
using EventBooking.Application.Events.Commands.DeleteEvent;
using EventBooking.Application.Events.Commands.UpdateEvent;
using EventBooking.Application.Events.Queries.GetEvent;
using EventBooking.Application.Events.Queries.GetEventImage;
using EventBooking.Application.Events.Queries.GetEventStats;
using EventBooking.Application.Events.Queries.ListEvents;
using EventBooking.WebApi.Caching;
using EventBooking.WebApi.Contracts.Events;
using EventBooking.WebApi.Http;
using EventBooking.WebApi.OpenApi;
using EventBooking.WebApi.Security;
using MediatR;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace EventBooking.WebApi.Endpoints;

/// <summary>Contract section 4: events and their images.</summary>
internal static class EventEndpoints
{
    private static readonly UploadSizeLimit ImageUploadLimit = new(
        EventRequestReader.MaxBodyBytes, "FILE_TOO_LARGE", "Image must be at most 5 MiB");

    public static IEndpointRouteBuilder MapEventEndpoints(this IEndpointRouteBuilder app)
    {
        var events = app.MapGroup("/api/events").WithTags("Events");

        events.MapGet("", List)
            .AllowsOptionalToken() // an admin's answer carries creator emails
            .CacheOutput(EventReadCache.PolicyName)
            .WithName("ListEvents")
            .WithSummary("Events by date, then id; filters: upcoming, available, search (name or description)")
            .Produces<SuccessEnvelope<EventListResponse>>()
            .ProducesErrors(400, 429, 503);

        events.MapGet("/{id}", Get)
            .AllowsOptionalToken()
            .CacheOutput(EventReadCache.PolicyName)
            .WithName("GetEvent")
            .WithSummary("One event, with its seats available now")
            .Produces<SuccessEnvelope<EventResponse>>()
            .ProducesErrors(400, 404, 429, 503);

        events.MapGet("/{id}/image", GetImage)
            .WithName("GetEventImage")
            .WithSummary("The event's image, with ETag and cache headers")
            .ProducesFile("image/jpeg", "image/png", "image/gif", "image/webp")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesErrors(400, 404, 429, 503);

        events.MapGet("/{id}/stats", Stats)
            .RequireAuthorization()
            .WithName("GetEventStats")
            .WithSummary("Capacity, confirmed, cancelled, available, occupancy, cancellation rate, bookings per day for 30 days (creator or admin)")
            .Produces<SuccessEnvelope<EventStatsResponse>>()
            .ProducesErrors(400, 401, 403, 404, 429, 503);

        events.MapPost("", Create)
            .RequireAuthorization(AuthorizationPolicies.Admin)
            .WithMetadata(ImageUploadLimit)
            .WithName("CreateEvent")
            .WithSummary("Schedule an event (admin); multipart/form-data with imageFile, or JSON")
            .Accepts<EventJsonRequest>("application/json", "multipart/form-data")
            .WithMetadata(new FormContract(typeof(EventFormRequest), "name", "eventDate", "seatCapacity"))
            .Produces<SuccessEnvelope<EventResponse>>(StatusCodes.Status201Created)
            .ProducesErrors(400, 401, 403, 413, 415, 429, 503);

        events.MapPut("/{id}", Update)
            .RequireAuthorization()
            .WithMetadata(ImageUploadLimit)
            .WithName("UpdateEvent")
            .WithSummary("Change an event (creator or admin); missing or empty fields are left unchanged; removeDescription or removeImage (true) take those away")
            .Accepts<EventJsonRequest>("application/json", "multipart/form-data")
            .WithMetadata(new FormContract(typeof(EventFormRequest)))
            .Produces<SuccessEnvelope<EventResponse>>()
            .ProducesErrors(400, 401, 403, 404, 409, 413, 415, 429, 503);

        events.MapDelete("/{id}", Delete)
            .RequireAuthorization()
            .WithName("DeleteEvent")
            .WithSummary("Delete an event without confirmed bookings (creator or admin)")
            .Produces<MessageEnvelope>()
            .ProducesErrors(400, 401, 403, 404, 409, 429, 503);

        return app;
    }

    private static async Task<IResult> List(
        int? limit, int? offset, bool? upcoming, string? search, bool? available, IMediator mediator, CancellationToken cancellationToken) =>
        (await mediator.Send(
            new ListEventsQuery(limit ?? Paging.DefaultLimit, offset ?? 0, upcoming ?? false, search, available ?? false),
            cancellationToken)).ToHttpResult();

    private static async Task<IResult> Get(int id, IMediator mediator, CancellationToken cancellationToken) =>
        (await mediator.Send(new GetEventQuery(id), cancellationToken)).ToHttpResult();

    private static async Task<IResult> Stats(int id, IMediator mediator, CancellationToken cancellationToken) =>
        (await mediator.Send(new GetEventStatsQuery(id), cancellationToken)).ToHttpResult();

    private static async Task<IResult> GetImage(int id, string? v, IMediator mediator, HttpResponse response, CancellationToken cancellationToken)
    {
        var result = await mediator.Send(new GetEventImageQuery(id), cancellationToken);
        if (result.IsFailure)
        {
            return new ErrorResult(result.Error!);
        }

        var image = result.Value;
        // A versioned URL (imageUrl carries ?v=) never changes content; the bare URL must be revalidated.
        response.Headers.CacheControl = v == image.Version ? "public, max-age=31536000, immutable" : "public, no-cache";
        return Results.File(
            image.Content, image.ContentType, entityTag: new EntityTagHeaderValue($"\"{image.Version}\""), lastModified: image.UpdatedAt);
    }

    private static async Task<IResult> Create(
        HttpRequest request, IOptions<JsonOptions> json, IMediator mediator, CancellationToken cancellationToken)
    {
        var input = await EventRequestReader.ReadAsync(request, json.Value.SerializerOptions, cancellationToken);
        if (input.IsFailure)
        {
            return new ErrorResult(input.Error!);
        }

        var (name, description, eventDate, seatCapacity, image, _, _) = input.Value;
        return (await mediator.Send(new CreateEventCommand(name ?? string.Empty, description, eventDate, seatCapacity, image), cancellationToken))
            .ToHttpResult(StatusCodes.Status201Created);
    }

    private static async Task<IResult> Update(
        int id, HttpRequest request, IOptions<JsonOptions> json, IMediator mediator, CancellationToken cancellationToken)
    {
        var input = await EventRequestReader.ReadAsync(request, json.Value.SerializerOptions, cancellationToken);
        if (input.IsFailure)
        {
            return new ErrorResult(input.Error!);
        }

        var (name, description, eventDate, seatCapacity, image, clearDescription, removeImage) = input.Value;
        return (await mediator.Send(
                new UpdateEventCommand(id, name, description, eventDate, seatCapacity, image, clearDescription, removeImage), cancellationToken))
            .ToHttpResult();
    }

    private static async Task<IResult> Delete(int id, IMediator mediator, CancellationToken cancellationToken) =>
        (await mediator.Send(new DeleteEventCommand(id), cancellationToken)).ToMessageResult();
}
