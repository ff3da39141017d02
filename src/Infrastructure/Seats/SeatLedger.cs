using EventBooking.Application.Bookings;
using EventBooking.Domain.Bookings;
using EventBooking.Domain.Common;
using EventBooking.Domain.Events;
using EventBooking.Domain.Users;
using EventBooking.Infrastructure.Concurrency;
using EventBooking.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace EventBooking.Infrastructure.Seats;

/// <summary>
/// The seat ledger on PostgreSQL: every seat change is one call of one of the ledger functions
/// (<c>create_bookings</c>, <c>cancel_booking_outcome</c>, <c>transfer_booking</c>, <c>resize_event</c>), which lock the
/// event row, judge the rules again, change the rows, write the audit row and NOTIFY the new count in one step.
/// Their outcomes become the domain's errors here, in one table per operation; nothing above this class knows
/// the functions or their outcome words.
/// </summary>
internal sealed class SeatLedger(
    KeyedBatchQueue<int, PendingBooking, BookingOutcome> bookingQueue, NpgsqlDataSource dataSource, EventBookingDbContext db) : ISeatLedger
{
    /// <summary>A random 6-character suffix collides about once in 2 billion in the same millisecond.</summary>
    private const int MaxIdAttempts = 3;

    public async Task<Result<SeatConfirmation>> ConfirmAsync(BookingRequest request, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxIdAttempts; attempt++)
        {
            var bookingId = BookingReference.New(request.RequestedAt);
            var outcome = await bookingQueue.SubmitAsync(request.EventId, new PendingBooking(request.UserId, bookingId), cancellationToken);
            if (outcome.Status == BookingOutcomeStatus.Created)
            {
                return new SeatConfirmation(request.Confirmed(bookingId, outcome.CreatedAt), outcome.AvailableSeats);
            }

            if (outcome.Status != BookingOutcomeStatus.BookingIdTaken)
            {
                return outcome.Status switch
                {
                    BookingOutcomeStatus.SoldOut => EventErrors.NoSeatsAvailable,
                    BookingOutcomeStatus.AlreadyBooked => BookingRules.OneConfirmedBookingPerUserAndEvent,
                    BookingOutcomeStatus.EventStarted => EventErrors.CannotBookPastEvent,
                    BookingOutcomeStatus.EventNotFound => EventErrors.NotFound,
                    BookingOutcomeStatus.UserNotFound => UserErrors.AccountGone,
                    var other => throw new InvalidOperationException($"Unexpected booking outcome {other}."),
                };
            }
        }

        throw new InvalidOperationException($"No free booking id after {MaxIdAttempts} attempts.");
    }

    public async Task<Result<SeatCount>> CancelAsync(BookingCancellation cancellation, CancellationToken cancellationToken)
    {
        var (outcome, eventId, seats) = await CallAsync(
            "SELECT outcome, booked_event, seats_left FROM cancel_booking_outcome($1, $2)",
            cancellationToken,
            cancellation.BookingId,
            cancellation.ActorId);
        return outcome switch
        {
            "cancelled" => new SeatCount(eventId, seats),
            "not_found" => BookingErrors.NotFound,
            "not_confirmed" => BookingErrors.AlreadyCancelled,
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
                "SELECT outcome, seats_left, confirmed FROM resize_event($1, $2)", (NpgsqlConnection)db.Database.GetDbConnection());
            command.Parameters.Add(new NpgsqlParameter { Value = change.EventId });
            command.Parameters.Add(new NpgsqlParameter { Value = change.SeatCapacity });
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
