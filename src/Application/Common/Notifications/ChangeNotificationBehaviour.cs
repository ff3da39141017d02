using EventBooking.Domain.Common;
using MediatR;

namespace EventBooking.Application.Common.Notifications;

/// <summary>
/// Tells every registered <see cref="IEventChangeObserver"/> that an <see cref="IChangesEvents"/> or
/// <see cref="IChangesSeats"/> command succeeded. It runs outside the transaction behaviour, so observers hear
/// of a change only once it has committed. Which commands change what is declared on the command, not guessed
/// from its URL.
/// </summary>
internal sealed class ChangeNotificationBehaviour<TRequest, TResponse>(IEnumerable<IEventChangeObserver> observers)
    : IPipelineBehavior<TRequest, TResponse>
    where TResponse : Result
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var response = await next();
        if (response.IsSuccess && Kind(request) is { } kind)
        {
            foreach (var observer in observers)
            {
                observer.OnEventsChanged(kind);
            }
        }

        return response;
    }

    private static EventChangeKind? Kind(TRequest request) => request switch
    {
        IChangesEvents => EventChangeKind.Events,
        IChangesSeats => EventChangeKind.Seats,
        _ => null,
    };
}
