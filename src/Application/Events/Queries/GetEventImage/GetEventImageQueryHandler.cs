using EventBooking.Domain.Common;
using EventBooking.Domain.Events;
using MediatR;

namespace EventBooking.Application.Events.Queries.GetEventImage;

internal sealed class GetEventImageQueryHandler(IEventReadService eventReads)
    : IRequestHandler<GetEventImageQuery, Result<EventImageContent>>
{
    public static readonly Error ImageNotFound = Error.NotFound("Image not found");

    public async Task<Result<EventImageContent>> Handle(GetEventImageQuery query, CancellationToken cancellationToken) =>
        await eventReads.GetImageAsync(query.EventId, cancellationToken) is { } image ? image : ImageNotFound;
}
