using EventBooking.Application.Bookings;
using EventBooking.Application.Realtime;
using EventBooking.Infrastructure.Realtime;
using Npgsql;

namespace EventBooking.Infrastructure.Persistence;

/// <summary>
/// Calls the stored functions. Each call is one batch, one round trip: the function, then a read of the
/// state it left, which also NOTIFYs the change to every API instance. The batch runs as one implicit
/// transaction, so the event's row lock taken by the function is still held when the second statement
/// reads the seat count: the count is exactly the one this change produced, not one a concurrent booking
/// produced a moment later. And PostgreSQL delivers the NOTIFY only if the change commits.
/// Bookings pass <see cref="EventAdmission"/> first, so few of one event's buyers queue on its row lock.
/// </summary>
internal sealed class BookingLedger(NpgsqlDataSource dataSource, EventAdmission admission) : IBookingLedger
{
    private const string ConfirmedPerUserAndEvent = "bookings_user_event_confirmed_unique";

    public async Task<BookingAttempt> CreateAsync(int userId, int eventId, string bookingId, CancellationToken cancellationToken)
    {
        using var turn = await admission.EnterAsync(eventId, cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                Command("SELECT create_booking($1, $2, $3)", userId, eventId, bookingId),
                ReadBackAndNotify("b.created_at", bookingId, SeatChange.BookingCreated),
            },
        };

        try
        {
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            if (!reader.GetBoolean(0))
            {
                return new BookingAttempt(BookingAttemptStatus.SoldOut);
            }

            await reader.NextResultAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            return new BookingAttempt(
                BookingAttemptStatus.Created, DateTime.SpecifyKind(reader.GetDateTime(0), DateTimeKind.Utc), reader.GetInt32(1));
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // The partial unique index refused a second confirmed booking, or (rarely) the id was taken.
            return new BookingAttempt(
                ex.ConstraintName == ConfirmedPerUserAndEvent ? BookingAttemptStatus.AlreadyBooked : BookingAttemptStatus.BookingIdTaken);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.NoDataFound)
        {
            return new BookingAttempt(BookingAttemptStatus.EventNotFound);
        }
    }

    public async Task<CancellationAttempt> CancelAsync(string bookingId, int actorId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                Command("SELECT cancel_booking($1, $2)", bookingId, actorId),
                ReadBackAndNotify("e.id", bookingId, SeatChange.BookingCancelled),
            },
        };

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        if (!reader.GetBoolean(0))
        {
            return new CancellationAttempt(false);
        }

        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new CancellationAttempt(true, reader.GetInt32(0), reader.GetInt32(1));
    }

    /// <summary>
    /// The second statement of both batches: <paramref name="firstColumn"/> and the event's seat count right
    /// after the change, announced to every instance (delivered only if the transaction commits).
    /// </summary>
    private static NpgsqlBatchCommand ReadBackAndNotify(string firstColumn, string bookingId, string changeType) =>
        Command(
            $"""
            SELECT {firstColumn}, e.available_seats,
                   pg_notify($2, json_build_object('type', $3::text, 'eventId', e.id, 'availableSeats', e.available_seats)::text)
            FROM bookings b JOIN events e ON e.id = b.event_id
            WHERE b.booking_id = $1
            """,
            bookingId,
            SeatChangeChannel.Name,
            changeType);

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }
}
