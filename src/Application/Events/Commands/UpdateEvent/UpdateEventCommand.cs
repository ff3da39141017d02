using EventBooking.Application.Common.Behaviours;
using EventBooking.Application.Common.Notifications;
using EventBooking.Domain.Common;
using MediatR;

namespace EventBooking.Application.Events.Commands.UpdateEvent;

/// <summary>
/// A partial update by the creator or an admin: a null field means "no change"; <see cref="ClearDescription"/> and
/// <see cref="RemoveImage"/> take the description and the image away.
/// </summary>
public sealed record UpdateEventCommand(
    int EventId,
    string? Name,
    string? Description,
    DateTime? EventDate,
    int? SeatCapacity,
    byte[]? Image,
    bool ClearDescription = false,
    bool RemoveImage = false)
    : IRequest<Result<EventResponse>>, ITransactional, IChangesEvents;
