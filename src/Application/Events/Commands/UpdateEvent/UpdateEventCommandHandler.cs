using EventBooking.Application.Bookings;
using EventBooking.Application.Common.Interfaces;
using EventBooking.Domain.Common;
using EventBooking.Domain.Events;
using MediatR;

namespace EventBooking.Application.Events.Commands.UpdateEvent;

/// <summary>
/// Under the event's row lock (the command is transactional): the aggregate judges the update against the
/// confirmed bookings, the details are saved, and a new capacity goes to the seat ledger, in the same transaction.
/// </summary>
internal sealed class UpdateEventCommandHandler(
    IEventRepository events,
    IEventImageStore images,
    IEventReadService eventReads,
    IUnitOfWork unitOfWork,
    ISeatLedger ledger,
    ICurrentUser currentUser,
    TimeProvider clock) : IRequestHandler<UpdateEventCommand, Result<EventResponse>>
{
    public async Task<Result<EventResponse>> Handle(UpdateEventCommand command, CancellationToken cancellationToken)
    {
        var image = command.Image is null ? null : EventImage.FromBytes(command.Image);
        if (image is { IsFailure: true })
        {
            return image.Error!;
        }

        // The row lock makes the capacity arithmetic exact: every booking waits on this same lock.
        var target = await events.GetForUpdateAsync(command.EventId, cancellationToken);
        if (target is null)
        {
            return EventErrors.NotFound;
        }

        if (!target.CanBeManagedBy(currentUser.Actor))
        {
            return EventErrors.NotAllowedToUpdate;
        }

        var confirmed = command.SeatCapacity is null ? 0 : await events.CountConfirmedBookingsAsync(target.Id, cancellationToken);
        var updated = target.Update(
            command.Name, command.Description, command.EventDate, command.SeatCapacity, confirmed, clock.GetUtcNow().UtcDateTime, command.ClearDescription);
        if (updated.IsFailure)
        {
            return updated.Error!;
        }

        if (image is not null)
        {
            target.SetImageUrl(EventImageUrl.For(target.Id, await images.SaveAsync(target.Id, image.Value, cancellationToken)));
        }
        else if (command.RemoveImage && target.ImageUrl is not null)
        {
            await images.DeleteAsync(target.Id, cancellationToken);
            target.RemoveImage();
        }

        await unitOfWork.SaveChangesAsync(cancellationToken);
        if (updated.Value is { } capacityChange && await ledger.ChangeCapacityAsync(capacityChange, cancellationToken) is { IsFailure: true } refused)
        {
            return refused.Error!;
        }

        return (await eventReads.GetAsync(target.Id, currentUser.IsAdmin, cancellationToken))!;
    }
}
