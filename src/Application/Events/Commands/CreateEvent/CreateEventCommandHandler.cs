using EventBooking.Application.Common.Interfaces;
using EventBooking.Domain.Common;
using EventBooking.Domain.Events;
using MediatR;

namespace EventBooking.Application.Events.Commands.CreateEvent;

/// <summary>The event and its image are stored in one transaction (the command is transactional).</summary>
internal sealed class CreateEventCommandHandler(
    IEventRepository events,
    IEventImageStore images,
    IEventReadService eventReads,
    IUnitOfWork unitOfWork,
    ICurrentUser currentUser,
    TimeProvider clock) : IRequestHandler<CreateEventCommand, Result<EventResponse>>
{
    public async Task<Result<EventResponse>> Handle(CreateEventCommand command, CancellationToken cancellationToken)
    {
        var scheduled = Event.Schedule(
            command.Name, command.Description, command.EventDate!.Value, command.SeatCapacity!.Value, currentUser.Id, clock.GetUtcNow().UtcDateTime);
        if (scheduled.IsFailure)
        {
            return scheduled.Error!;
        }

        var image = command.Image is null ? null : EventImage.FromBytes(command.Image);
        if (image is { IsFailure: true })
        {
            return image.Error!;
        }

        var newEvent = scheduled.Value;
        events.Add(newEvent);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        if (image is not null)
        {
            newEvent.SetImageUrl(EventImageUrl.For(newEvent.Id, await images.SaveAsync(newEvent.Id, image.Value, cancellationToken)));
            await unitOfWork.SaveChangesAsync(cancellationToken);
        }

        return (await eventReads.GetAsync(newEvent.Id, currentUser.IsAdmin, cancellationToken))!;
    }
}
