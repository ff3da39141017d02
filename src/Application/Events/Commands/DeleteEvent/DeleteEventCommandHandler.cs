using EventBooking.Application.Common.Interfaces;
using EventBooking.Domain.Common;
using EventBooking.Domain.Events;
using MediatR;

namespace EventBooking.Application.Events.Commands.DeleteEvent;

internal sealed class DeleteEventCommandHandler(IEventRepository events, IUnitOfWork unitOfWork, ICurrentUser currentUser)
    : IRequestHandler<DeleteEventCommand, Result<string>>
{
    public const string Deleted = "Event deleted successfully";

    public async Task<Result<string>> Handle(DeleteEventCommand command, CancellationToken cancellationToken)
    {
        // Under the event's row lock (the command is transactional) no booking can be made between the count and the delete.
        var target = await events.GetForUpdateAsync(command.EventId, cancellationToken);
        if (target is null)
        {
            return EventErrors.NotFound;
        }

        if (!target.CanBeManagedBy(currentUser.Actor))
        {
            return EventErrors.NotAllowedToDelete;
        }

        var deletable = target.EnsureCanBeDeleted(await events.CountConfirmedBookingsAsync(target.Id, cancellationToken));
        if (deletable.IsFailure)
        {
            return deletable.Error!;
        }

        events.Remove(target);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return Deleted;
    }
}
