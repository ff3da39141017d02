using EventBooking.Domain.Bookings;
using EventBooking.Domain.Common;
using EventBooking.Domain.Events;

namespace EventBooking.Application.Bookings;

/// <summary>
/// The only way seat state changes: which user holds which seat of which event, and how many seats are free.
/// Each operation carries out an intent that the domain has already allowed (<see cref="BookingRequest"/>,
/// <see cref="BookingCancellation"/>, <see cref="BookingTransfer"/>, <see cref="CapacityChange"/>) and judges the
/// rules again under the event's row lock, where races are settled: a refusal comes back as the same domain
/// error the aggregate would have raised. Every change writes its audit row in the same transaction, and
/// announces the new seat count to every API instance when it commits.
/// <para>
/// Freed seats go to the event's waiting list first: a cancellation, a capacity increase, a declined or expired offer
/// each offer the seat to the first waiting user in the same transaction (docs/adr/0016).
/// </para>
/// <para>
/// A checked-in booking can no longer be cancelled or transferred (docs/adr/0017).
/// </para>
/// <para>
/// Confirm, cancel and transfer each run in a transaction of their own (a confirmation may share it with other
/// buyers of the same event); a capacity change is one step of an event update and joins the command's
/// transaction (<see cref="Common.Behaviours.ITransactional"/>).
/// </para>
/// </summary>
public interface ISeatLedger
{
    /// <summary>Books the seat: the event may have filled up or started, or the user may already hold a booking.</summary>
    Task<Result<SeatConfirmation>> ConfirmAsync(BookingRequest request, CancellationToken cancellationToken);

    /// <summary>Frees the seat; a concurrent cancellation may have won (<see cref="BookingErrors.AlreadyCancelled"/>).</summary>
    Task<Result<SeatCount>> CancelAsync(BookingCancellation cancellation, CancellationToken cancellationToken);

    /// <summary>Hands the seat to another user, unless that user already holds a confirmed booking for the event.</summary>
    Task<Result<SeatCount>> TransferAsync(BookingTransfer transfer, CancellationToken cancellationToken);

    /// <summary>Sets the capacity; the free seats become the capacity less the confirmed bookings and held offers, and any new free seat is offered to the waiting list.</summary>
    Task<Result<SeatCount>> ChangeCapacityAsync(CapacityChange change, CancellationToken cancellationToken);

    /// <summary>Queues the user for a sold-out event: refused while it has free seats, or when the user holds a booking or a place already.</summary>
    Task<Result<Waitlist.WaitlistEntryResponse>> JoinWaitlistAsync(int eventId, int userId, CancellationToken cancellationToken);

    /// <summary>Takes the user off the list; true when that declined a pending offer (whose seat then goes to the next in line).</summary>
    Task<Result<bool>> LeaveWaitlistAsync(int eventId, int userId, CancellationToken cancellationToken);

    /// <summary>Books the seat held for the user's live offer, exactly as a booking (audit row, announcement).</summary>
    Task<Result<SeatConfirmation>> AcceptWaitlistOfferAsync(BookingRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Records that the booking's holder came in, and when (returned); refused when it was checked in before
    /// (<see cref="Domain.Tickets.TicketErrors.AlreadyCheckedIn"/>, with the first time and who scanned it), has been
    /// cancelled or transferred meanwhile. Of two scanners at once, exactly one succeeds.
    /// </summary>
    Task<Result<DateTime>> CheckInAsync(BookingCheckIn checkIn, CancellationToken cancellationToken);

    /// <summary>Takes back a check-in (audited); <see cref="Domain.Tickets.TicketErrors.NotCheckedIn"/> when there is none.</summary>
    Task<Result> UndoCheckInAsync(CheckInUndo undo, CancellationToken cancellationToken);
}

/// <summary>A confirmed booking and the free seats its event had right after it.</summary>
public sealed record SeatConfirmation(Booking Booking, int AvailableSeats);

/// <summary>An event's free seats right after a change.</summary>
public sealed record SeatCount(int EventId, int AvailableSeats);
