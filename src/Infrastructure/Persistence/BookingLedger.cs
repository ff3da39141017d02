using EventBooking.Application.Bookings;
using EventBooking.Application.Realtime;
using EventBooking.Infrastructure.Realtime;
using Microsoft.Extensions.Options;
using Npgsql;

namespace EventBooking.Infrastructure.Persistence;

/// <summary>
/// Calls the stored functions. Each database call is one batch, one round trip, one transaction: the
/// function, then a read of the state it left, which also NOTIFYs the change to every API instance.
/// The event's row lock taken by the function is still held when the second statement reads the seat
/// count, so the count is exactly the one this change produced, not one a concurrent booking produced a
/// moment later; and PostgreSQL delivers the NOTIFY only if the change commits.
/// <para>
/// Bookings go through <see cref="BookingBatcher"/>: the buyers of one event queue in the API, and each
/// database call books as many of them as are waiting (up to <c>Bookings__MaxBatchSize</c>) with
/// <c>create_bookings</c>, under one row lock and one commit. A batch of one uses <c>create_booking</c>, the
/// schema's own function, so a quiet event, and <c>Bookings__MaxBatchSize=1</c>, take exactly the reference path.
/// </para>
/// </summary>
internal sealed class BookingLedger : IBookingLedger
{
    private const string ConfirmedPerUserAndEvent = "bookings_user_event_confirmed_unique";
    private const string UserForeignKey = "bookings_user_id_users_id_fk";

    /// <summary>
    /// Announces the seat count of the event row <c>e</c> on channel <c>$2</c> as change type <c>$3</c>, in the
    /// shape <see cref="SeatChangeChannel"/> reads (delivered only if the transaction commits).
    /// </summary>
    private const string NotifySeatChange =
        "pg_notify($2, json_build_object('type', $3::text, 'eventId', e.id, 'availableSeats', e.available_seats)::text)";

    private readonly NpgsqlDataSource _dataSource;
    private readonly BookingBatcher _batcher;

    public BookingLedger(NpgsqlDataSource dataSource, IOptions<BookingOptions> options)
    {
        _dataSource = dataSource;
        var settings = options.Value;
        _batcher = new BookingBatcher(settings.MaxBatchSize, settings.MaxConcurrentPerEvent, BookingOptions.MaxQueueWait, ExecuteAsync);
    }

    public Task<BookingAttempt> CreateAsync(int userId, int eventId, string bookingId, CancellationToken cancellationToken) =>
        _batcher.SubmitAsync(eventId, new PendingBooking(userId, bookingId), cancellationToken);

    /// <summary>
    /// Runs one batch. Should the batch fail inside PostgreSQL for a reason that belongs to one of its
    /// bookings (a user deleted meanwhile, a booking id taken by another event's booking), each booking is
    /// retried on its own, so one buyer's problem never becomes the others'.
    /// </summary>
    private async Task<IReadOnlyList<Task<BookingAttempt>>> ExecuteAsync(int eventId, IReadOnlyList<PendingBooking> bookings)
    {
        if (bookings.Count > 1)
        {
            try
            {
                return (await CreateManyAsync(eventId, bookings)).ConvertAll(Task.FromResult);
            }
            catch (PostgresException ex) when (!ex.IsTransient)
            {
                // Fall through: one by one.
            }
        }

        var outcomes = new Task<BookingAttempt>[bookings.Count];
        for (var i = 0; i < bookings.Count; i++)
        {
            // Every booking here is its own transaction: once one has committed, a later one failing (even the
            // database going away) must not turn the earlier buyers' answers into errors.
            try
            {
                outcomes[i] = Task.FromResult(await CreateOneAsync(bookings[i].UserId, eventId, bookings[i].BookingId));
            }
            catch (Exception ex)
            {
                outcomes[i] = Task.FromException<BookingAttempt>(ex);
            }
        }

        return outcomes;
    }

    /// <summary><c>create_bookings</c>: one row lock, one commit, one NOTIFY (the seats after the last booking) for all.</summary>
    private async Task<List<BookingAttempt>> CreateManyAsync(int eventId, IReadOnlyList<PendingBooking> bookings)
    {
        var userIds = new int[bookings.Count];
        var bookingIds = new string[bookings.Count];
        for (var i = 0; i < bookings.Count; i++)
        {
            (userIds[i], bookingIds[i]) = (bookings[i].UserId, bookings[i].BookingId);
        }

        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                Command("SELECT outcome, booked_at, seats_left FROM create_bookings($1, $2, $3)", eventId, userIds, bookingIds),
                Command(
                    $"""
                    SELECT {NotifySeatChange}
                    FROM events e
                    WHERE e.id = $1 AND EXISTS (SELECT 1 FROM bookings b WHERE b.booking_id = ANY($4))
                    """,
                    eventId,
                    SeatChangeChannel.Name,
                    SeatChange.BookingCreated,
                    bookingIds),
            },
        };

        var outcomes = new List<BookingAttempt>(bookings.Count);
        try
        {
            await using var reader = await batch.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                outcomes.Add(reader.GetString(0) switch
                {
                    "created" => new BookingAttempt(
                        BookingAttemptStatus.Created, DateTime.SpecifyKind(reader.GetDateTime(1), DateTimeKind.Utc), reader.GetInt32(2)),
                    "sold_out" => new BookingAttempt(BookingAttemptStatus.SoldOut),
                    "already_booked" => new BookingAttempt(BookingAttemptStatus.AlreadyBooked),
                    var other => throw new InvalidOperationException($"create_bookings returned the unknown outcome '{other}'."),
                });
            }
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.NoDataFound)
        {
            return Enumerable.Repeat(new BookingAttempt(BookingAttemptStatus.EventNotFound), bookings.Count).ToList();
        }

        return outcomes;
    }

    /// <summary><c>create_booking</c>: the schema's function, for one booking.</summary>
    private async Task<BookingAttempt> CreateOneAsync(int userId, int eventId, string bookingId)
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
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
            await using var reader = await batch.ExecuteReaderAsync();
            await reader.ReadAsync();
            if (!reader.GetBoolean(0))
            {
                return new BookingAttempt(BookingAttemptStatus.SoldOut);
            }

            await reader.NextResultAsync();
            await reader.ReadAsync();
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
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.ForeignKeyViolation && ex.ConstraintName == UserForeignKey)
        {
            // The user was deleted between the request's user check and this insert.
            return new BookingAttempt(BookingAttemptStatus.UserNotFound);
        }
    }

    public async Task<CancellationAttempt> CancelAsync(string bookingId, int actorId, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
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
            SELECT {firstColumn}, e.available_seats, {NotifySeatChange}
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
