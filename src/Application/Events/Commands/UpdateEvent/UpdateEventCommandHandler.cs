using EventBooking.Application.Common.Interfaces;
using EventBooking.Application.Realtime;
using EventBooking.Domain.Common;
using EventBooking.Domain.Events;
using MediatR;

namespace EventBooking.Application.Events.Commands.UpdateEvent;

internal sealed class UpdateEventCommandHandler(
    IEventRepository events,
    IEventImageStore images,
    IEventReadService eventReads,
    IUnitOfWork unitOfWork,
    ICurrentUser currentUser,
    ISeatChangePublisher seatChanges,
    TimeProvider clock) : IRequestHandler<UpdateEventCommand, Result<EventResponse>>
{
    public async Task<Result<EventResponse>> Handle(UpdateEventCommand command, CancellationToken cancellationToken)
    {
        var image = command.Image is null ? null : EventImage.FromBytes(command.Image);
        if (image is { IsFailure: true })
        {
            return image.Error!;
        }

        Event? target;
        await using (var transaction = await unitOfWork.BeginTransactionAsync(cancellationToken))
        {
            // The row lock makes the capacity arithmetic exact: create_booking waits on this same lock.
            target = await events.GetForUpdateAsync(command.EventId, cancellationToken);
            var allowed = Authorize(target);
            if (allowed.IsFailure)
            {
                return allowed.Error!;
            }

            var confirmed = command.SeatCapacity is null ? 0 : await events.CountConfirmedBookingsAsync(target!.Id, cancellationToken);
            var updated = target!.Update(
                command.Name, command.Description, command.EventDate, command.SeatCapacity, confirmed, clock.GetUtcNow().UtcDateTime);
            if (updated.IsFailure)
            {
                return updated.Error!;
            }

            if (image is not null)
            {
                target.SetImageUrl(EventImageUrl.For(target.Id, await images.SaveAsync(target.Id, image.Value, cancellationToken)));
            }

            await unitOfWork.SaveChangesAsync(cancellationToken);
            if (command.SeatCapacity is not null)
            {
                // Inside the transaction: delivered on commit, in commit order with the bookings it raced.
                await seatChanges.PublishAsync(
                    new SeatChange(SeatChange.SeatUpdate, target.Id, target.AvailableSeats, target.SeatCapacity), cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        return (await eventReads.GetAsync(target.Id, currentUser.IsAdmin, cancellationToken))!;
    }

    private Result Authorize(Event? target) =>
        target is null ? EventErrors.NotFound
        : target.CanBeManagedBy(currentUser.Id, currentUser.IsAdmin) ? Result.Success()
        : EventErrors.NotAllowedToUpdate;
}
