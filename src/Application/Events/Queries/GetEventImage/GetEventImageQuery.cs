using EventBooking.Domain.Common;
using MediatR;

namespace EventBooking.Application.Events.Queries.GetEventImage;

public sealed record GetEventImageQuery(int EventId) : IRequest<Result<EventImageContent>>;
