using EventBooking.Application.Common.Interfaces;
using EventBooking.Domain.Bookings;
using EventBooking.Domain.Common;
using EventBooking.Domain.Events;
using EventBooking.Domain.Users;
using MediatR;

namespace EventBooking.Application.Bookings.Commands.CreateBooking;

/// <summary>
/// Two round trips on the happy path: load the event so the aggregate can refuse a past or full event
/// without a write, then one call of <c>create_booking</c>, which settles every race (last seat, the
/// same user twice) under the event's row lock and reports the seats left after this booking.
/// </summary>
internal sealed class CreateBookingCommandHandler(
    IEventRepository events, IBookingLedger ledger, ICurrentUser currentUser, TimeProvider clock)
    : IRequestHandler<CreateBookingCommand, Result<BookingCreatedResponse>>
{
    /// <summary>A random 6-character suffix collides about once in 2 billion in the same millisecond.</summary>
    private const int MaxIdAttempts = 3;

    public async Task<Result<BookingCreatedResponse>> Handle(CreateBookingCommand command, CancellationToken cancellationToken)
    {
        var target = await events.GetAsync(command.EventId, cancellationToken);
        if (target is null)
        {
            return EventErrors.NotFound;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var bookable = target.EnsureCanBeBooked(now);
        if (bookable.IsFailure)
        {
            return bookable.Error!;
        }

        for (var attempt = 1; attempt <= MaxIdAttempts; attempt++)
        {
            var bookingId = BookingReference.New(now);
            var outcome = await ledger.CreateAsync(currentUser.Id, target.Id, bookingId, cancellationToken);
            switch (outcome.Status)
            {
                case BookingAttemptStatus.Created:
                    return new BookingCreatedResponse(
                        bookingId,
                        target.Id,
                        BookingStatus.Confirmed,
                        outcome.CreatedAt,
                        new EventSummary(target.Id, target.Name, target.EventDate, target.SeatCapacity, outcome.AvailableSeats));
                case BookingAttemptStatus.SoldOut:
                    return EventErrors.NoSeatsAvailable;
                case BookingAttemptStatus.AlreadyBooked:
                    return BookingErrors.AlreadyBooked;
                case BookingAttemptStatus.EventNotFound:
                    return EventErrors.NotFound;
                case BookingAttemptStatus.UserNotFound:
                    return UserErrors.AccountGone;
            }
        }

        throw new InvalidOperationException($"No free booking id after {MaxIdAttempts} attempts.");
    }
}
