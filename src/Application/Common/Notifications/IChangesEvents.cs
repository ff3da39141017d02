namespace EventBooking.Application.Common.Notifications;

/// <summary>
/// A command that changes what event reads show: name, description, date, image, existence. After it succeeds,
/// <see cref="ChangeNotificationBehaviour{TRequest, TResponse}"/> tells every <see cref="IEventChangeObserver"/>.
/// </summary>
public interface IChangesEvents;

/// <summary>
/// A command that changes seat state (goes through the seat ledger). After it succeeds, every
/// <see cref="IEventChangeObserver"/> of this instance hears of it at once; every instance's seat-change
/// observers hear of it through the database when it commits.
/// </summary>
public interface IChangesSeats;
