using EventBooking.Domain.Common;
using MediatR;

namespace EventBooking.Application.Events.Queries.GetEventStats;

/// <summary>An event's statistics, for its creator or an admin.</summary>
public sealed record GetEventStatsQuery(int EventId) : IRequest<Result<EventStatsResponse>>;
