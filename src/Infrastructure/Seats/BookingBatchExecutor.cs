using EventBooking.Infrastructure.Concurrency;
using Npgsql;

namespace EventBooking.Infrastructure.Seats;

/// <summary>
/// Books one batch of an event's buyers with <c>create_bookings</c>: one round trip, one row lock, one commit and
/// one NOTIFY for all of them (the function announces the seats after the last booking). Should the batch fail
/// inside PostgreSQL for a reason that belongs to one of its bookings (a user deleted meanwhile, a booking id taken
/// by another event's booking), each booking is retried on its own, so one buyer's problem never becomes the others'.
/// A batch of one is the same call with one buyer: <c>create_booking</c> itself is a wrapper of it.
/// </summary>
internal sealed class BookingBatchExecutor(NpgsqlDataSource dataSource) : IBatchExecutor<int, PendingBooking, BookingOutcome>
{
    private const string ConfirmedPerUserAndEvent = "bookings_user_event_confirmed_unique";
    private const string UserForeignKey = "bookings_user_id_users_id_fk";

    public async Task<IReadOnlyList<Task<BookingOutcome>>> ExecuteAsync(int key, IReadOnlyList<PendingBooking> items)
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

        await using var command = dataSource.CreateCommand("SELECT outcome, booked_at, seats_left FROM create_bookings($1, $2, $3)");
        command.Parameters.Add(new NpgsqlParameter { Value = eventId });
        command.Parameters.Add(new NpgsqlParameter { Value = userIds });
        command.Parameters.Add(new NpgsqlParameter { Value = bookingIds });
        var outcomes = new List<BookingOutcome>(bookings.Count);
        try
        {
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                outcomes.Add(reader.GetString(0) switch
                {
                    "created" => new BookingOutcome(
                        BookingOutcomeStatus.Created, DateTime.SpecifyKind(reader.GetDateTime(1), DateTimeKind.Utc), reader.GetInt32(2)),
                    "sold_out" => new BookingOutcome(BookingOutcomeStatus.SoldOut),
                    "already_booked" => new BookingOutcome(BookingOutcomeStatus.AlreadyBooked),
                    "event_started" => new BookingOutcome(BookingOutcomeStatus.EventStarted),
                    var other => throw new InvalidOperationException($"create_bookings returned the unknown outcome '{other}'."),
                });
            }
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.NoDataFound)
        {
            return Enumerable.Repeat(new BookingOutcome(BookingOutcomeStatus.EventNotFound), bookings.Count).ToList();
        }

        return outcomes;
    }
}
