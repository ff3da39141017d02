using EventBooking.Application.Bookings;
using EventBooking.Application.Common.Exceptions;
using EventBooking.Application.Common.Telemetry;
using EventBooking.Application.Waitlist;
using EventBooking.Domain.Bookings;
using EventBooking.Domain.Common;
using EventBooking.Domain.Events;
using EventBooking.Domain.Tickets;
using EventBooking.Domain.Users;
using EventBooking.Domain.Waitlist;
using EventBooking.Infrastructure.Concurrency;
using EventBooking.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace EventBooking.Infrastructure.Seats;

/// <summary>
/// The seat ledger on PostgreSQL: every seat change is one call of one of the ledger functions
/// (<c>create_bookings_across_events</c> and its one-event wrapper <c>create_bookings</c>, <c>cancel_booking_outcome</c>, <c>transfer_booking</c>, <c>resize_event</c>, and the waiting
/// list's <c>join_waitlist</c>, <c>leave_waitlist</c>, <c>accept_waitlist_offer</c>, and the door's
/// <c>check_in_booking</c>, <c>undo_check_in</c>, which lock the booking row instead), which lock the
/// event row, judge the rules again, change the rows, write the audit row and NOTIFY the new count in one step.
/// Their outcomes become the domain's errors here, in one table per operation; nothing above this class knows
/// the functions or their outcome words.
/// </summary>
internal sealed class SeatLedger(
    KeyedBatchQueue<int, PendingBooking, BookingOutcome> bookingQueue,
    NpgsqlDataSource dataSource,
    EventBookingDbContext db,
    IOptions<WaitlistOptions> waitlist,
    EventBookingMetrics metrics) : ISeatLedger
{
    /// <summary>A random 6-character suffix collides about once in 2 billion in the same millisecond.</summary>
    private const int MaxIdAttempts = 3;

    public async Task<Result<SeatConfirmation>> ConfirmAsync(BookingRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await BookAsync(request, cancellationToken);
        }
        catch (ServiceBusyException)
        {
            metrics.Booking("busy");
            throw;
        }
    }

    private Task<Result<SeatConfirmation>> BookAsync(BookingRequest request, CancellationToken cancellationToken) =>
        WithFreshBookingIdAsync(request, async bookingId =>
        {
            var outcome = await bookingQueue.SubmitAsync(request.EventId, new PendingBooking(request.UserId, bookingId), cancellationToken);
            return outcome.Status switch
            {
                BookingOutcomeStatus.BookingIdTaken => null,
                BookingOutcomeStatus.Created => Counted("created", new SeatConfirmation(request.Confirmed(bookingId, outcome.CreatedAt), outcome.AvailableSeats)),
                BookingOutcomeStatus.SoldOut => Counted("sold_out", EventErrors.NoSeatsAvailable),
                BookingOutcomeStatus.AlreadyBooked => Counted("already_booked", BookingRules.OneConfirmedBookingPerUserAndEvent),
                BookingOutcomeStatus.EventStarted => Counted("event_started", EventErrors.CannotBookPastEvent),
                BookingOutcomeStatus.EventNotFound => Counted("event_not_found", EventErrors.NotFound),
                BookingOutcomeStatus.UserNotFound => Counted("user_not_found", UserErrors.AccountGone),
                var other => throw new InvalidOperationException($"Unexpected booking outcome {other}."),
            };
        });

    public async Task<Result<SeatCount>> CancelAsync(BookingCancellation cancellation, CancellationToken cancellationToken)
    {
        var (outcome, eventId, seats) = await CallAsync(
            "SELECT outcome, booked_event, seats_left FROM cancel_booking_outcome($1, $2, $3)",
            cancellationToken,
            cancellation.BookingId,
            cancellation.ActorId,
            waitlist.Value.OfferSeconds);
        metrics.Cancellation(outcome);
        return outcome switch
        {
            "cancelled" => new SeatCount(eventId, seats),
            "not_found" => BookingErrors.NotFound,
            "not_confirmed" => BookingErrors.AlreadyCancelled,
            "checked_in" => TicketErrors.CannotCancelCheckedIn,
            "event_started" => BookingErrors.CannotCancelPastEvent,
            _ => throw Unknown("cancel_booking_outcome", outcome),
        };
    }

    public async Task<Result<SeatCount>> TransferAsync(BookingTransfer transfer, CancellationToken cancellationToken)
    {
        var (outcome, eventId, seats) = await CallAsync(
            "SELECT outcome, booked_event, seats_left FROM transfer_booking($1, $2, $3)",
            cancellationToken,
            transfer.BookingId,
            transfer.ToUserId,
            transfer.ActorId);
        return outcome switch
        {
            "transferred" => new SeatCount(eventId, seats),
            "not_found" => BookingErrors.NotFound,
            "not_confirmed" => BookingErrors.AlreadyCancelled,
            "checked_in" => TicketErrors.CannotCancelCheckedIn,
            "event_started" => BookingErrors.CannotTransferPastEvent,
            "same_user" => BookingErrors.AlreadyHeldByRecipient,
            "user_not_found" => BookingErrors.RecipientNotFound,
            "already_booked" => BookingErrors.RecipientAlreadyBooked,
            _ => throw Unknown("transfer_booking", outcome),
        };
    }

    /// <summary>On the command's own connection, inside its transaction: a capacity change is one step of an event update.</summary>
    public async Task<Result<SeatCount>> ChangeCapacityAsync(CapacityChange change, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand(
                "SELECT outcome, seats_left, confirmed FROM resize_event($1, $2, $3)", (NpgsqlConnection)db.Database.GetDbConnection());
            command.Parameters.Add(new NpgsqlParameter { Value = change.EventId });
            command.Parameters.Add(new NpgsqlParameter { Value = change.SeatCapacity });
            command.Parameters.Add(new NpgsqlParameter { Value = waitlist.Value.OfferSeconds });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            var outcome = reader.GetString(0);
            return outcome switch
            {
                "resized" => new SeatCount(change.EventId, reader.GetInt32(1)),
                "not_found" => EventErrors.NotFound,
                "event_started" => EventErrors.AlreadyStarted,
                "below_confirmed" => EventErrors.CapacityBelowConfirmedBookings(reader.GetInt32(2)),
                _ => throw Unknown("resize_event", outcome),
            };
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    public async Task<Result<WaitlistEntryResponse>> JoinWaitlistAsync(int eventId, int userId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT outcome, entry_id, queue_position, joined_at FROM join_waitlist($1, $2)");
        command.Parameters.Add(new NpgsqlParameter { Value = eventId });
        command.Parameters.Add(new NpgsqlParameter { Value = userId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var outcome = reader.GetString(0);
        metrics.Waitlist(outcome == "joined" ? "joined" : "refused");
        return outcome switch
        {
            "joined" => new WaitlistEntryResponse(
                reader.GetInt64(1), eventId, WaitlistStatus.Waiting, reader.GetInt32(2), reader.GetDateTime(3), null, null),
            "event_not_found" => EventErrors.NotFound,
            "event_started" => WaitlistErrors.EventStarted,
            "user_not_found" => UserErrors.AccountGone,
            "already_booked" => WaitlistErrors.AlreadyBooked,
            "already_listed" => WaitlistErrors.AlreadyListed,
            "seats_available" => WaitlistErrors.SeatsAvailable,
            _ => throw Unknown("join_waitlist", outcome),
        };
    }

    public async Task<Result<bool>> LeaveWaitlistAsync(int eventId, int userId, CancellationToken cancellationToken)
    {
        var (outcome, _, _) = await CallAsync(
            "SELECT outcome, NULL::integer, seats_left FROM leave_waitlist($1, $2, $3)", cancellationToken, eventId, userId, waitlist.Value.OfferSeconds);
        metrics.Waitlist(outcome is "left" or "declined" ? outcome : "refused");
        return outcome switch
        {
            "left" => false,
            "declined" => true,
            "event_not_found" => EventErrors.NotFound,
            "not_listed" => WaitlistErrors.NotListed,
            _ => throw Unknown("leave_waitlist", outcome),
        };
    }

    public Task<Result<SeatConfirmation>> AcceptWaitlistOfferAsync(BookingRequest request, CancellationToken cancellationToken) =>
        WithFreshBookingIdAsync(request, async bookingId =>
        {
            await using var command = dataSource.CreateCommand("SELECT outcome, booked_at, seats_left FROM accept_waitlist_offer($1, $2, $3, $4)");
            command.Parameters.Add(new NpgsqlParameter { Value = request.EventId });
            command.Parameters.Add(new NpgsqlParameter { Value = request.UserId });
            command.Parameters.Add(new NpgsqlParameter { Value = bookingId });
            command.Parameters.Add(new NpgsqlParameter { Value = waitlist.Value.OfferSeconds });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            var outcome = reader.GetString(0);
            if (outcome != "booking_id_taken")
            {
                metrics.Waitlist(outcome == "created" ? "accepted" : "refused");
            }

            return outcome switch
            {
                "booking_id_taken" => null,
                "created" => new SeatConfirmation(request.Confirmed(bookingId, reader.GetDateTime(1)), reader.GetInt32(2)),
                "event_not_found" => EventErrors.NotFound,
                "no_offer" => WaitlistErrors.NoOffer,
                "offer_expired" => WaitlistErrors.OfferExpired,
                "event_started" => EventErrors.CannotBookPastEvent,
                "already_booked" => BookingRules.OneConfirmedBookingPerUserAndEvent,
                _ => throw Unknown("accept_waitlist_offer", outcome),
            };
        });

    public async Task<Result<DateTime>> CheckInAsync(BookingCheckIn checkIn, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT outcome, at, by_user_id, by_name FROM check_in_booking($1, $2, $3, $4)");
        command.Parameters.Add(new NpgsqlParameter { Value = checkIn.BookingId });
        command.Parameters.Add(new NpgsqlParameter { Value = checkIn.EventId });
        command.Parameters.Add(new NpgsqlParameter { Value = checkIn.TicketHolderId });
        command.Parameters.Add(new NpgsqlParameter { Value = checkIn.ActorId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var outcome = reader.GetString(0);
        metrics.CheckIn(outcome is "checked_in" or "already_checked_in" ? outcome : "refused");
        return outcome switch
        {
            "checked_in" => reader.GetDateTime(1),
            "already_checked_in" => TicketErrors.AlreadyCheckedIn(
                reader.GetDateTime(1), reader.IsDBNull(2) ? null : reader.GetInt32(2), reader.IsDBNull(3) ? null : reader.GetString(3)),
            "not_found" => BookingErrors.NotFound,
            "wrong_event" => TicketErrors.ForAnotherEvent,
            "not_confirmed" => TicketErrors.BookingCancelled,
            "holder_changed" => TicketErrors.HolderChanged,
            _ => throw Unknown("check_in_booking", outcome),
        };
    }

    public async Task<Result> UndoCheckInAsync(CheckInUndo undo, CancellationToken cancellationToken)
    {
        var (outcome, _, _) = await CallAsync(
            "SELECT outcome, NULL::integer, NULL::integer FROM undo_check_in($1, $2, $3)", cancellationToken, undo.BookingId, undo.EventId, undo.ActorId);
        if (outcome == "undone")
        {
            metrics.CheckIn("undone");
        }

        return outcome switch
        {
            "undone" => Result.Success(),
            "not_found" => BookingErrors.NotFound,
            "not_checked_in" => TicketErrors.NotCheckedIn,
            _ => throw Unknown("undo_check_in", outcome),
        };
    }

    /// <summary>Counts a booking's outcome (metric <c>eventbooking.bookings</c>) and passes its result on.</summary>
    private Result<SeatConfirmation> Counted(string outcome, Result<SeatConfirmation> result)
    {
        metrics.Booking(outcome);
        return result;
    }

    /// <summary>
    /// Runs <paramref name="attempt"/> with a new booking id until it answers (null: the id was taken, which a random
    /// suffix makes about a one-in-2-billion event within one millisecond), at most <see cref="MaxIdAttempts"/> times.
    /// </summary>
    private static async Task<Result<SeatConfirmation>> WithFreshBookingIdAsync(
        BookingRequest request, Func<string, Task<Result<SeatConfirmation>?>> attempt)
    {
        for (var i = 1; i <= MaxIdAttempts; i++)
        {
            if (await attempt(BookingReference.New(request.RequestedAt)) is { } answer)
            {
                return answer;
            }
        }

        throw new InvalidOperationException($"No free booking id after {MaxIdAttempts} attempts.");
    }

    /// <summary>One ledger function returning one row of (outcome, event id, seats left), in a transaction of its own.</summary>
    private async Task<(string Outcome, int EventId, int Seats)> CallAsync(string sql, CancellationToken cancellationToken, params object[] arguments)
    {
        await using var command = dataSource.CreateCommand(sql);
        foreach (var argument in arguments)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = argument });
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetString(0), reader.IsDBNull(1) ? 0 : reader.GetInt32(1), reader.IsDBNull(2) ? 0 : reader.GetInt32(2));
    }

    private static InvalidOperationException Unknown(string function, string outcome) =>
        new($"{function} returned the unknown outcome '{outcome}'.");
}
