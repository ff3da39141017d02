using EventBooking.Application.Common.Behaviours;
using EventBooking.Application.Common.Notifications;
using EventBooking.Domain.Common;
using MediatR;

namespace EventBooking.Application.Events.Commands.CreateEvent;

/// <summary>An admin schedules an event; <see cref="Image"/> is the uploaded file's bytes, if any.</summary>
public sealed record CreateEventCommand(
    string Name, string? Description, DateTime? EventDate, int? SeatCapacity, byte[]? Image)
    : IRequest<Result<EventResponse>>, ITransactional, IChangesEvents;
