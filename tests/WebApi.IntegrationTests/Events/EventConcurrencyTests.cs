using System.Net;
using EventBooking.WebApi.IntegrationTests.Support;
using Npgsql;
using Xunit.Abstractions;

namespace EventBooking.WebApi.IntegrationTests.Events;

/// <summary>
/// Contract §4 "Ours": a capacity change and a delete run under the event's row lock, so bookings made at
/// the same moment (through <c>create_booking</c>, which takes the same lock) can neither oversell, nor be
/// lost, nor be deleted with the event. Each round releases its callers through a gate; the rounds vary who
/// reaches the row lock first (see <see cref="Start"/>), and every round ends with the database invariants checked.
/// </summary>
public sealed class EventConcurrencyTests(DatabaseFixture database, ITestOutputHelper output) : EventApiTest(database)
{
    private const int Rounds = 6;

    private enum Outcome
    {
        Booked,
        Refused,
        EventGone,
    }

    /// <summary>How a round's callers meet (see <see cref="RaceAsync"/>).</summary>
    private enum Start
    {
        /// <summary>All released by the gate at once; whoever is fastest wins (usually the bare function calls).</summary>
        Together,

        /// <summary>As <see cref="Together"/>, but everyone first queues on the event's row lock, held by a blocker.</summary>
        QueuedTogether,

        /// <summary>The HTTP calls queue on the row lock first, then the bookings: the HTTP calls go first.</summary>
        HttpFirst,
    }

    [Fact]
    public async Task BookUpdateAndDelete_WhenFiredTogether_ShouldKeepSeatsExactAndNeverDeleteAConfirmedBooking()
    {
        const int bookingsPerRound = 50;
        var (adminId, adminToken) = await CreateUserAsync("admin@example.com", "admin");
        var users = await InsertUsersAsync(100);

        for (var round = 1; round <= Rounds; round++)
        {
            var start = (Start)(round % 3);
            var eventId = await InsertEventAsync($"Race {round}", seatCapacity: 200, createdBy: adminId);
            var bookingIds = Enumerable.Range(1, bookingsPerRound).Select(i => $"BK-R{round}-{i}").ToArray();
            var bookers = Enumerable.Range(0, bookingsPerRound).Select(i => users[((round * 17) + i) % users.Count]).ToArray();

            var (outcomes, responses) = await RaceAsync(
                eventId,
                bookers,
                bookingIds,
                start,
                () => SendAsync(HttpMethod.Put, EventPath(eventId), adminToken, new { seatCapacity = 120 }),
                () => SendAsync(HttpMethod.Delete, EventPath(eventId), adminToken));
            var (update, delete) = (responses[0], responses[1]);

            var context = $"round {round} ({start}): PUT {(int)update.StatusCode}, DELETE {(int)delete.StatusCode}, "
                + $"{outcomes.Count(o => o == Outcome.Booked)} booked, {outcomes.Count(o => o == Outcome.EventGone)} found no event";
            output.WriteLine(context);
            Assert.True(delete.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, context);
            var booked = bookingIds.Where((_, i) => outcomes[i] == Outcome.Booked).ToArray();

            // Every booking that was answered "true" still exists: none was deleted along with the event.
            Assert.Equal(booked.Order(StringComparer.Ordinal), await ExistingBookingsAsync(booked));
            Assert.Equal(booked.Length, await ScalarAsync<long>(
                "SELECT count(*) FROM booking_logs WHERE event_id = $1 AND action = 'created'", eventId));
            Assert.DoesNotContain(Outcome.Refused, outcomes);

            if (delete.StatusCode == HttpStatusCode.OK)
            {
                // The delete ran first, when no booking existed; every later booking found no event.
                Assert.Empty(booked);
                Assert.All(outcomes, o => Assert.Equal(Outcome.EventGone, o));
                Assert.Equal(0, await ScalarAsync<long>("SELECT count(*) FROM events WHERE id = $1", eventId));
                Assert.True(update.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, context);
                continue;
            }

            var error = await AssertErrorAsync(delete, HttpStatusCode.Conflict, "CONFLICT");
            Assert.Equal("Cannot delete events with existing bookings", error.GetProperty("message").GetString());
            Assert.Equal(bookingsPerRound, booked.Length);
            var data = await AssertSuccessAsync(update, HttpStatusCode.OK);
            Assert.Equal(120, data.GetProperty("seatCapacity").GetInt32());
            Assert.InRange(data.GetProperty("availableSeats").GetInt32(), 120 - bookingsPerRound, 120);

            var (capacity, available, confirmed) = await SeatsAsync(eventId);
            Assert.Equal(120, capacity);
            Assert.Equal(bookingsPerRound, confirmed);
            Assert.Equal(capacity, available + confirmed);
        }
    }

    [Fact]
    public async Task UpdateCapacityToTheConfirmedCount_WhenBookingsRaceIt_ShouldNeverOversellNorFailWith500()
    {
        const int before = 10;
        const int racing = 30;
        var (adminId, adminToken) = await CreateUserAsync("admin@example.com", "admin");
        var users = await InsertUsersAsync(before + racing);
        var rounds =
            from start in Enum.GetValues<Start>()
            from target in new[] { before, before + (racing / 2), before + racing }
            select (start, target);
        var round = 0;

        foreach (var (start, target) in rounds)
        {
            round++;
            var eventId = await InsertEventAsync($"Shrink {round}", seatCapacity: 60, createdBy: adminId);
            for (var i = 0; i < before; i++)
            {
                Assert.True(await BookAsync(users[i], eventId, $"BK-S{round}-{i}"));
            }

            var bookingIds = Enumerable.Range(before, racing).Select(i => $"BK-S{round}-{i}").ToArray();
            var (outcomes, responses) = await RaceAsync(
                eventId,
                users.Skip(before).ToArray(),
                bookingIds,
                start,
                () => SendAsync(HttpMethod.Put, EventPath(eventId), adminToken, new { seatCapacity = target }));
            var update = responses[0];

            var booked = outcomes.Count(o => o == Outcome.Booked);
            var context = $"round {round} ({start}): capacity to {target}, PUT {(int)update.StatusCode}, {booked} of {racing} booked";
            output.WriteLine(context);
            Assert.DoesNotContain(Outcome.EventGone, outcomes);
            var (capacity, available, confirmed) = await SeatsAsync(eventId);
            Assert.True(available >= 0, context);
            Assert.Equal(capacity, available + confirmed);
            Assert.Equal(before + booked, confirmed);
            Assert.Equal(before + booked, await ScalarAsync<long>(
                "SELECT count(*) FROM booking_logs WHERE event_id = $1 AND action = 'created'", eventId));

            if (update.StatusCode == HttpStatusCode.Conflict)
            {
                // Bookings got in first and the new capacity would have been below them: nothing changed.
                await AssertErrorAsync(update, HttpStatusCode.Conflict, "CONFLICT");
                Assert.True(target < before + racing, context);
                Assert.Equal(60, capacity);
                Assert.Equal(racing, booked);
            }
            else
            {
                var data = await AssertSuccessAsync(update, HttpStatusCode.OK);
                Assert.Equal(target, data.GetProperty("seatCapacity").GetInt32());
                Assert.Equal(target, capacity);
                Assert.Equal(0, available);
                Assert.Equal(target, confirmed);
                Assert.Equal(racing - (target - before), outcomes.Count(o => o == Outcome.Refused));
            }
        }
    }

    /// <summary>
    /// Books through <c>create_booking</c>, one connection per booking (opened beforehand), while the given
    /// HTTP calls run; each group waits on one gate. Unless <paramref name="start"/> is <see cref="Start.Together"/>,
    /// a blocker holds the event's row lock until every caller waits for it, so that the HTTP calls (slower to
    /// get going than a bare function call) land among the bookings (or, with <see cref="Start.HttpFirst"/>,
    /// ahead of them: PostgreSQL grants a row lock to its waiters in turn).
    /// </summary>
    private async Task<(Outcome[] Outcomes, HttpResponseMessage[] Responses)> RaceAsync(
        int eventId, int[] users, string[] bookingIds, Start start, params Func<Task<HttpResponseMessage>>[] calls)
    {
        var connections = new List<NpgsqlConnection>();
        await using var blocker = new NpgsqlConnection(Database.ConnectionString + ";Pooling=false");
        try
        {
            for (var i = 0; i < bookingIds.Length; i++)
            {
                var connection = new NpgsqlConnection(Database.ConnectionString + ";Pooling=false");
                await connection.OpenAsync();
                connections.Add(connection);
            }

            NpgsqlTransaction? held = null;
            if (start != Start.Together)
            {
                await blocker.OpenAsync();
                held = await blocker.BeginTransactionAsync();
                await using var lockRow = new NpgsqlCommand("SELECT 1 FROM events WHERE id = $1 FOR UPDATE", blocker, held);
                lockRow.Parameters.Add(new NpgsqlParameter { Value = eventId });
                await lockRow.ExecuteScalarAsync();
            }

            var bookingGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var httpGate = start == Start.HttpFirst ? new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) : bookingGate;
            var bookings = bookingIds.Select((bookingId, i) => BookBehindGateAsync(bookingGate.Task, connections[i], users[i], eventId, bookingId)).ToArray();
            var requests = calls.Select(call => Task.Run(async () =>
            {
                await httpGate.Task;
                return await call();
            })).ToArray();

            if (start == Start.HttpFirst)
            {
                httpGate.SetResult();
                await WaitForLockWaitersAsync(calls.Length);
            }

            bookingGate.SetResult();
            if (held is not null)
            {
                await WaitForLockWaitersAsync(bookingIds.Length + calls.Length);
                await held.CommitAsync();
            }

            var outcomes = await Task.WhenAll(bookings);
            var responses = await Task.WhenAll(requests);
            return (outcomes, responses);
        }
        finally
        {
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }
    }

    /// <summary>Waits (at most 15 s) until this many sessions of the test database wait for a lock.</summary>
    private async Task WaitForLockWaitersAsync(int waiters)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        long waiting;
        do
        {
            await Task.Delay(20);
            waiting = await ScalarAsync<long>(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'");
        }
        while (waiting < waiters && DateTime.UtcNow < deadline);

        output.WriteLine($"  {waiting} of {waiters} callers queued on the event's row lock");
    }

    private static async Task<Outcome> BookBehindGateAsync(Task gate, NpgsqlConnection connection, int userId, int eventId, string bookingId)
    {
        await using var command = new NpgsqlCommand("SELECT create_booking($1, $2, $3)", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = userId });
        command.Parameters.Add(new NpgsqlParameter { Value = eventId });
        command.Parameters.Add(new NpgsqlParameter { Value = bookingId });
        await gate;
        try
        {
            return (bool)(await command.ExecuteScalarAsync())! ? Outcome.Booked : Outcome.Refused;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.NoDataFound)
        {
            // create_booking's own answer when the event row is gone (deleted before it got the lock).
            return Outcome.EventGone;
        }
    }

    private async Task<List<int>> InsertUsersAsync(int count)
    {
        await using var command = Database.DataSource.CreateCommand(
            """
            INSERT INTO users (email, name, password_hash, role)
            SELECT 'racer' || g || '@example.com', 'Racer ' || g, 'not-a-hash', 'user' FROM generate_series(1, $1) AS g
            RETURNING id
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = count });
        var ids = new List<int>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetInt32(0));
        }

        return ids;
    }

    private async Task<string[]> ExistingBookingsAsync(string[] bookingIds)
    {
        await using var command = Database.DataSource.CreateCommand(
            "SELECT booking_id FROM bookings WHERE booking_id = ANY($1) AND status = 'confirmed' ORDER BY booking_id COLLATE \"C\"");
        command.Parameters.Add(new NpgsqlParameter { Value = bookingIds });
        var found = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            found.Add(reader.GetString(0));
        }

        return [.. found];
    }

    private async Task<(int Capacity, int Available, long Confirmed)> SeatsAsync(int eventId)
    {
        await using var command = Database.DataSource.CreateCommand(
            """
            SELECT e.seat_capacity, e.available_seats,
                   (SELECT count(*) FROM bookings b WHERE b.event_id = e.id AND b.status = 'confirmed')
            FROM events e WHERE e.id = $1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = eventId });
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"Event {eventId} is gone");
        return (reader.GetInt32(0), reader.GetInt32(1), reader.GetInt64(2));
    }
}
