using EventBooking.Application.Common.Telemetry;
using EventBooking.Infrastructure.Concurrency;
using Microsoft.Extensions.Options;
using Npgsql;

namespace EventBooking.Infrastructure.Seats;

/// <summary>
/// Books the batches of buyers that the events' queues hand over (docs/adr/0012, 0021).
/// <para>
/// Several events' batches waiting at once go to the database together, through the commit queue: one call of
/// <c>create_bookings_across_events</c>, one transaction and one commit for all of them, with the event rows locked in id
/// order. At most <see cref="BookingOptions.MaxConcurrentCalls"/> calls run at once, each taking up to
/// <see cref="BookingOptions.MaxEventsPerCall"/> waiting batches; a batch that finds a call free goes at once. Buyers
/// spread over many events thus share commits the way one hot event's buyers do.
/// </para>
/// <para>
/// One event's batch alone is one call of <c>create_bookings</c>: one round trip, one row lock, one commit and one NOTIFY
/// for all its buyers. Should a call fail inside PostgreSQL for a reason that belongs to one of its bookings (a user
/// deleted meanwhile, a booking id taken by another event's booking), each event's batch, and then each booking, is
/// retried on its own, so one buyer's problem never becomes the others'.
/// </para>
/// </summary>
internal sealed class BookingBatchExecutor : IBatchExecutor<int, PendingBooking, BookingOutcome>, IBatchExecutor<int, EventBatch, IReadOnlyList<Task<BookingOutcome>>>
{
    private const string ConfirmedPerUserAndEvent = "bookings_user_event_confirmed_unique";
    private const string UserForeignKey = "bookings_user_id_users_id_fk";

    private readonly NpgsqlDataSource _dataSource;
    private readonly EventBookingMetrics _metrics;
    private readonly KeyedBatchQueue<int, EventBatch, IReadOnlyList<Task<BookingOutcome>>>? _calls;

    public BookingBatchExecutor(NpgsqlDataSource dataSource, IOptions<BookingOptions> options, EventBookingMetrics metrics)
    {
        _dataSource = dataSource;
        _metrics = metrics;
        if (options.Value.MaxEventsPerCall > 1)
        {
            _calls = new KeyedBatchQueue<int, EventBatch, IReadOnlyList<Task<BookingOutcome>>>(
                this,
                Options.Create(new BatchQueueOptions
                {
                    MaxBatchSize = options.Value.MaxEventsPerCall,
                    MaxConcurrentPerKey = options.Value.MaxConcurrentCalls,
                    MaxWait = BookingOptions.MaxQueueWait,
                }),
                new CommitQueueMetrics(metrics));
        }
    }

    /// <summary>One event's batch, from its queue: through the commit queue when batches of several events may share a call.</summary>
    public Task<IReadOnlyList<Task<BookingOutcome>>> ExecuteAsync(int key, IReadOnlyList<PendingBooking> items) =>
        _calls is null
            ? BookEventAsync(key, items)
            : _calls.SubmitAsync(0, new EventBatch(key, items), CancellationToken.None);

    /// <summary>The batches of several events, from the commit queue: one call when it can, else each on its own.</summary>
    public async Task<IReadOnlyList<Task<IReadOnlyList<Task<BookingOutcome>>>>> ExecuteAsync(int key, IReadOnlyList<EventBatch> items)
    {
        _metrics.BookingCall(items.Count);
        if (items.Count > 1)
        {
            try
            {
                return await BookAcrossEventsAsync(items);
            }
            catch (PostgresException ex) when (!ex.IsTransient)
            {
                // Fall through: event by event.
            }
        }

        var outcomes = new Task<IReadOnlyList<Task<BookingOutcome>>>[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            try
            {
                outcomes[i] = Task.FromResult(await BookEventAsync(items[i].EventId, items[i].Bookings));
            }
            catch (Exception ex)
            {
                outcomes[i] = Task.FromException<IReadOnlyList<Task<BookingOutcome>>>(ex);
            }
        }

        return outcomes;
    }

    private async Task<IReadOnlyList<Task<IReadOnlyList<Task<BookingOutcome>>>>> BookAcrossEventsAsync(IReadOnlyList<EventBatch> batches)
    {
        var count = batches.Sum(b => b.Bookings.Count);
        var eventIds = new int[count];
        var userIds = new int[count];
        var bookingIds = new string[count];
        var n = 0;
        foreach (var batch in batches)
        {
            foreach (var booking in batch.Bookings)
            {
                (eventIds[n], userIds[n], bookingIds[n]) = (batch.EventId, booking.UserId, booking.BookingId);
                n++;
            }
        }

        await using var command = _dataSource.CreateCommand(
            "SELECT ordinal, outcome, booked_at, seats_left FROM create_bookings_across_events($1, $2, $3)");
        command.Parameters.Add(new NpgsqlParameter { Value = eventIds });
        command.Parameters.Add(new NpgsqlParameter { Value = userIds });
        command.Parameters.Add(new NpgsqlParameter { Value = bookingIds });
        var outcomes = new BookingOutcome?[count];
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                outcomes[reader.GetInt32(0) - 1] = Outcome(reader, 1);
            }
        }

        var results = new Task<IReadOnlyList<Task<BookingOutcome>>>[batches.Count];
        n = 0;
        for (var b = 0; b < batches.Count; b++)
        {
            var batch = new Task<BookingOutcome>[batches[b].Bookings.Count];
            for (var i = 0; i < batch.Length; i++, n++)
            {
                batch[i] = Task.FromResult(outcomes[n] ?? throw new InvalidOperationException("create_bookings_across_events left a buyer without an outcome."));
            }

            results[b] = Task.FromResult<IReadOnlyList<Task<BookingOutcome>>>(batch);
        }

        return results;
    }

    /// <summary>One event's buyers in one call; should it fail for one buyer's reason, each buyer on their own.</summary>
    private async Task<IReadOnlyList<Task<BookingOutcome>>> BookEventAsync(int key, IReadOnlyList<PendingBooking> items)
    {
        if (items.Count > 1)
        {
            try
            {
                return (await BookAsync(key, items)).ConvertAll(Task.FromResult);
            }
            catch (PostgresException ex) when (!ex.IsTransient)
            {
                // Fall through: one by one.
            }
        }

        var outcomes = new Task<BookingOutcome>[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            // Every booking here is its own transaction: once one has committed, a later one failing (even the
            // database going away) must not turn the earlier buyers' answers into errors.
            try
            {
                outcomes[i] = Task.FromResult(await BookOneAsync(key, items[i]));
            }
            catch (Exception ex)
            {
                outcomes[i] = Task.FromException<BookingOutcome>(ex);
            }
        }

        return outcomes;
    }

    private async Task<BookingOutcome> BookOneAsync(int eventId, PendingBooking booking)
    {
        try
        {
            return (await BookAsync(eventId, [booking]))[0];
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // The partial unique index refused a second confirmed booking (the backstop), or (rarely) the id was taken.
            return new BookingOutcome(
                ex.ConstraintName == ConfirmedPerUserAndEvent ? BookingOutcomeStatus.AlreadyBooked : BookingOutcomeStatus.BookingIdTaken);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.ForeignKeyViolation && ex.ConstraintName == UserForeignKey)
        {
            return new BookingOutcome(BookingOutcomeStatus.UserNotFound);
        }
    }

    private async Task<List<BookingOutcome>> BookAsync(int eventId, IReadOnlyList<PendingBooking> bookings)
    {
        var userIds = new int[bookings.Count];
        var bookingIds = new string[bookings.Count];
        for (var i = 0; i < bookings.Count; i++)
        {
            (userIds[i], bookingIds[i]) = (bookings[i].UserId, bookings[i].BookingId);
        }

        await using var command = _dataSource.CreateCommand("SELECT outcome, booked_at, seats_left FROM create_bookings($1, $2, $3)");
        command.Parameters.Add(new NpgsqlParameter { Value = eventId });
        command.Parameters.Add(new NpgsqlParameter { Value = userIds });
        command.Parameters.Add(new NpgsqlParameter { Value = bookingIds });
        var outcomes = new List<BookingOutcome>(bookings.Count);
        try
        {
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                outcomes.Add(Outcome(reader, 0));
            }
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.NoDataFound)
        {
            // create_bookings before MissingEventAsAnOutcome raised for a missing event; kept for one release, so this
            // code also runs against a database whose last migration was taken back.
            return Enumerable.Repeat(new BookingOutcome(BookingOutcomeStatus.EventNotFound), bookings.Count).ToList();
        }

        return outcomes;
    }

    /// <summary>The outcome, time and seats left that start at column <paramref name="first"/> of a booking function's row.</summary>
    private static BookingOutcome Outcome(NpgsqlDataReader reader, int first) =>
        reader.GetString(first) switch
        {
            "created" => new BookingOutcome(
                BookingOutcomeStatus.Created, DateTime.SpecifyKind(reader.GetDateTime(first + 1), DateTimeKind.Utc), reader.GetInt32(first + 2)),
            "sold_out" => new BookingOutcome(BookingOutcomeStatus.SoldOut),
            "already_booked" => new BookingOutcome(BookingOutcomeStatus.AlreadyBooked),
            "event_started" => new BookingOutcome(BookingOutcomeStatus.EventStarted),
            "event_not_found" => new BookingOutcome(BookingOutcomeStatus.EventNotFound),
            var other => throw new InvalidOperationException($"A booking function returned the unknown outcome '{other}'."),
        };
}
