using EventBooking.Domain.Common;
using MediatR;

namespace EventBooking.Application.Events.Queries.GetEvent;

public sealed record GetEventQuery(int EventId) : IRequest<Result<EventResponse>>;
