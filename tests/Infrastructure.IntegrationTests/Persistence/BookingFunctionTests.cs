using System.Text.Json;
using EventBooking.Infrastructure.IntegrationTests.Support;
using Npgsql;

namespace EventBooking.Infrastructure.IntegrationTests.Persistence;

/// <summary><c>create_booking</c>, <c>create_bookings</c> and <c>cancel_booking</c> against the real database, alone and under races.</summary>
public sealed class BookingFunctionTests(DatabaseFixture database) : DatabaseTest(database)
{
    [Fact]
    public async Task CreateBooking_WhenSeatsAvailable_ShouldBookDecrementSeatsAndLogOnce()
    {
        var userId = await InsertUserAsync("john@example.com");
        var eventId = await InsertEventAsync(seats: 5);

        var booked = await CreateBookingAsync(userId, eventId, "BK-TEST-001");

        Assert.True(booked);
        Assert.Equal(4, await AvailableSeatsAsync(eventId));
        Assert.Equal(
            "confirmed",
            await ScalarAsync<string>("SELECT status FROM bookings WHERE booking_id = 'BK-TEST-001'"));
        Assert.Equal(1, await LogCountAsync("created", eventId));
        var log = await ScalarAsync<string>(
            "SELECT json_build_array(booking_id, user_id, event_id, details)::text FROM booking_logs");
        using var json = JsonDocument.Parse(log);
        Assert.Equal("BK-TEST-001", json.RootElement[0].GetString());
        Assert.Equal(userId, json.RootElement[1].GetInt32());
        Assert.Equal(eventId, json.RootElement[2].GetInt32());
        Assert.Equal(4, json.RootElement[3].GetProperty("seats_remaining").GetInt32());
    }

    [Fact]
    public async Task CreateBooking_WhenEventIsFull_ShouldReturnFalseAndChangeNothing()
    {
        var first = await InsertUserAsync("first@example.com");
        var second = await InsertUserAsync("second@example.com");
        var eventId = await InsertEventAsync(seats: 1);
        Assert.True(await CreateBookingAsync(first, eventId, "BK-TEST-001"));

        var booked = await CreateBookingAsync(second, eventId, "BK-TEST-002");

        Assert.False(booked);
        Assert.Equal(0, await AvailableSeatsAsync(eventId));
        Assert.Equal(1, await ScalarAsync<int>("SELECT count(*)::int FROM bookings"));
        Assert.Equal(1, await ScalarAsync<int>("SELECT count(*)::int FROM booking_logs"));
    }

    [Fact]
    public async Task CreateBooking_WhenUserAlreadyHoldsConfirmedBooking_ShouldBeRefusedByPartialUniqueIndex()
    {
        var userId = await InsertUserAsync("john@example.com");
        var eventId = await InsertEventAsync(seats: 5);
        Assert.True(await CreateBookingAsync(userId, eventId, "BK-TEST-001"));

        var error = await Assert.ThrowsAsync<PostgresException>(() => CreateBookingAsync(userId, eventId, "BK-TEST-002"));

        Assert.Equal(PostgresErrorCodes.UniqueViolation, error.SqlState);
        Assert.Equal("bookings_user_event_confirmed_unique", error.ConstraintName);
        Assert.Equal(4, await AvailableSeatsAsync(eventId));
        Assert.Equal(1, await LogCountAsync("created", eventId));
    }

    [Fact]
    public async Task CreateBooking_AfterCancelling_ShouldAllowTheSameUserToBookAgain()
    {
        var userId = await InsertUserAsync("john@example.com");
        var eventId = await InsertEventAsync(seats: 5);
        Assert.True(await CreateBookingAsync(userId, eventId, "BK-TEST-001"));
        Assert.True(await CancelBookingAsync("BK-TEST-001"));

        var rebooked = await CreateBookingAsync(userId, eventId, "BK-TEST-002");

        Assert.True(rebooked);
        Assert.Equal(4, await AvailableSeatsAsync(eventId));
        Assert.Equal(1, await ConfirmedBookingsAsync(eventId));
        Assert.Equal(2, await LogCountAsync("created", eventId));
    }

    [Fact]
    public async Task CreateBooking_WhenEventDoesNotExist_ShouldRaiseNoDataFound()
    {
        var userId = await InsertUserAsync("john@example.com");

        var error = await Assert.ThrowsAsync<PostgresException>(() => CreateBookingAsync(userId, 999_999, "BK-TEST-001"));

        Assert.Equal(PostgresErrorCodes.NoDataFound, error.SqlState);
        Assert.Equal(0, await ScalarAsync<int>("SELECT count(*)::int FROM bookings"));
    }

    [Fact]
    public async Task CreateBooking_WhenTheEventHasStarted_ShouldRaiseObjectNotInPrerequisiteStateAndChangeNothing()
    {
        var userId = await InsertUserAsync("john@example.com");
        var eventId = await InsertEventAsync(seats: 5, startsIn: TimeSpan.FromSeconds(-1));

        var error = await Assert.ThrowsAsync<PostgresException>(() => CreateBookingAsync(userId, eventId, "BK-TEST-001"));

        Assert.Equal(PostgresErrorCodes.ObjectNotInPrerequisiteState, error.SqlState);
        Assert.Equal(0, await ScalarAsync<int>("SELECT count(*)::int FROM bookings"));
        Assert.Equal(5, await AvailableSeatsAsync(eventId));
        Assert.Equal(0, await LogCountAsync("created", eventId));
    }

    [Fact]
    public async Task CancelBooking_WhenTheEventHasStarted_ShouldRaiseObjectNotInPrerequisiteStateAndChangeNothing()
    {
        var userId = await InsertUserAsync("john@example.com");
        var eventId = await InsertEventAsync(seats: 5);
        Assert.True(await CreateBookingAsync(userId, eventId, "BK-TEST-001"));
        await ExecuteAsync("UPDATE events SET event_date = timezone('utc', now()) - interval '1 second' WHERE id = $1", eventId);

        var error = await Assert.ThrowsAsync<PostgresException>(() => CancelBookingAsync("BK-TEST-001"));

        Assert.Equal(PostgresErrorCodes.ObjectNotInPrerequisiteState, error.SqlState);
        Assert.Equal(1, await ConfirmedBookingsAsync(eventId));
        Assert.Equal(4, await AvailableSeatsAsync(eventId));
        Assert.Equal(0, await LogCountAsync("cancelled", eventId));
    }

    [Fact]
    public async Task CancelBooking_WhenConfirmed_ShouldRestoreSeatStampCancelledAtAndLog()
    {
        var userId = await InsertUserAsync("john@example.com");
        var eventId = await InsertEventAsync(seats: 5);
        Assert.True(await CreateBookingAsync(userId, eventId, "BK-TEST-001"));
        var before = await ScalarAsync<DateTime>("SELECT timezone('utc', now())");

        var cancelled = await CancelBookingAsync("BK-TEST-001");

        Assert.True(cancelled);
        Assert.Equal(5, await AvailableSeatsAsync(eventId));
        Assert.Equal(
            "cancelled",
            await ScalarAsync<string>("SELECT status FROM bookings WHERE booking_id = 'BK-TEST-001'"));
        var cancelledAt = await ScalarAsync<DateTime>("SELECT cancelled_at FROM bookings WHERE booking_id = 'BK-TEST-001'");
        Assert.InRange(cancelledAt, before.AddSeconds(-5), before.AddSeconds(5));
        Assert.Equal(1, await LogCountAsync("cancelled", eventId));
        var details = await ScalarAsync<string>("SELECT details::text FROM booking_logs WHERE action = 'cancelled'");
        using var json = JsonDocument.Parse(details);
        Assert.Equal(5, json.RootElement.GetProperty("seats_remaining").GetInt32());
        Assert.Equal("user", json.RootElement.GetProperty("actor_role").GetString());
        Assert.Equal(userId, await ScalarAsync<int>("SELECT user_id FROM booking_logs WHERE action = 'cancelled'"));
    }

    [Fact]
    public async Task CancelBooking_WhenAnAdminActs_ShouldLogTheAdminAsActor()
    {
        var userId = await InsertUserAsync("john@example.com");
        var adminId = await InsertUserAsync("admin@example.com", role: "admin");
        var eventId = await InsertEventAsync(seats: 5);
        Assert.True(await CreateBookingAsync(userId, eventId, "BK-TEST-001"));

        var cancelled = await ScalarAsync<bool>("SELECT cancel_booking($1, $2)", "BK-TEST-001", adminId);

        Assert.True(cancelled);
        Assert.Equal(adminId, await ScalarAsync<int>("SELECT user_id FROM booking_logs WHERE action = 'cancelled'"));
        Assert.Equal(
            "admin",
            await ScalarAsync<string>("SELECT details->>'actor_role' FROM booking_logs WHERE action = 'cancelled'"));
    }

    [Fact]
    public async Task CancelBooking_WhenBookingIsUnknown_ShouldReturnFalse()
    {
        Assert.False(await CancelBookingAsync("BK-DOES-NOT-EXIST"));
        Assert.Equal(0, await ScalarAsync<int>("SELECT count(*)::int FROM booking_logs"));
    }

    [Fact]
    public async Task CancelBooking_WhenAlreadyCancelled_ShouldReturnFalseAndChangeNothing()
    {
        var userId = await InsertUserAsync("john@example.com");
        var eventId = await InsertEventAsync(seats: 5);
        Assert.True(await CreateBookingAsync(userId, eventId, "BK-TEST-001"));
        Assert.True(await CancelBookingAsync("BK-TEST-001"));

        var again = await CancelBookingAsync("BK-TEST-001");

        Assert.False(again);
        Assert.Equal(5, await AvailableSeatsAsync(eventId));
        Assert.Equal(1, await LogCountAsync("cancelled", eventId));
    }

    [Fact]
    public async Task CreateBooking_When100UsersRaceForTenSeats_ShouldConfirmExactlyTen()
    {
        var eventId = await InsertEventAsync(seats: 10);
        var users = await InsertUsersAsync(100, "buyer");

        var results = await RaceAsync(users.Count, i => CreateBookingOnOwnConnectionAsync(users[i], eventId, $"BK-RACE-{i:D3}"));

        Assert.Equal(10, results.Count(r => r == Outcome.Booked));
        Assert.Equal(90, results.Count(r => r == Outcome.Refused));
        Assert.Equal(0, await AvailableSeatsAsync(eventId));
        Assert.Equal(10, await ConfirmedBookingsAsync(eventId));
        Assert.Equal(10, await LogCountAsync("created", eventId));
        await AssertSeatInvariantAsync(eventId);
    }

    [Fact]
    public async Task CreateBooking_WhenOneUserSends20ParallelCalls_ShouldConfirmExactlyOne()
    {
        var userId = await InsertUserAsync("eager@example.com");
        var eventId = await InsertEventAsync(seats: 50);

        var results = await RaceAsync(20, i => CreateBookingOnOwnConnectionAsync(userId, eventId, $"BK-SAME-{i:D3}"));

        Assert.Equal(1, results.Count(r => r == Outcome.Booked));
        Assert.Equal(19, results.Count(r => r == Outcome.Duplicate));
        Assert.Equal(49, await AvailableSeatsAsync(eventId));
        Assert.Equal(1, await LogCountAsync("created", eventId));
        await AssertSeatInvariantAsync(eventId);
    }

    [Fact]
    public async Task CancelBooking_When20ParallelCancelsOfOneBooking_ShouldCancelExactlyOnce()
    {
        var userId = await InsertUserAsync("john@example.com");
        var eventId = await InsertEventAsync(seats: 3);
        Assert.True(await CreateBookingAsync(userId, eventId, "BK-TEST-001"));

        var results = await RaceAsync(20, _ => CancelOnOwnConnectionAsync("BK-TEST-001"));

        Assert.Equal(1, results.Count(r => r));
        Assert.Equal(3, await AvailableSeatsAsync(eventId));
        Assert.Equal(1, await LogCountAsync("cancelled", eventId));
        await AssertSeatInvariantAsync(eventId);
    }

    [Fact]
    public async Task CreateBookings_ShouldApplyTheRulesInArrayOrder_UnderOneLockAndOneCommit()
    {
        var (a, b, c, d) = (
            await InsertUserAsync("a@example.com"),
            await InsertUserAsync("b@example.com"),
            await InsertUserAsync("c@example.com"),
            await InsertUserAsync("d@example.com"));
        var eventId = await InsertEventAsync(seats: 3);
        var updatedBefore = await ScalarAsync<DateTime>("SELECT updated_at FROM events WHERE id = $1", eventId);

        var rows = await CreateBookingsAsync(eventId, [a, b, a, c, d], ["BK-1", "BK-2", "BK-3", "BK-4", "BK-5"]);

        // b's booking leaves 1 seat, a's second attempt is refused, c takes the last seat, d finds none.
        Assert.Equal(
            [("created", 2), ("created", 1), ("already_booked", 1), ("created", 0), ("sold_out", 0)],
            rows.Select(r => (r.Outcome, r.SeatsLeft)));
        Assert.All(rows.Where(r => r.Outcome != "created"), r => Assert.Null(r.BookedAt));
        Assert.Single(rows.Where(r => r.BookedAt is not null).Select(r => r.BookedAt).Distinct());
        Assert.Equal(0, await AvailableSeatsAsync(eventId));
        Assert.Equal(
            "BK-1 a confirmed, BK-2 b confirmed, BK-4 c confirmed",
            await ScalarAsync<string>(
                """
                SELECT string_agg(b.booking_id || ' ' || split_part(u.email, '@', 1) || ' ' || b.status, ', ' ORDER BY b.booking_id)
                FROM bookings b JOIN users u ON u.id = b.user_id
                """));
        Assert.Equal(
            "BK-1 2, BK-2 1, BK-4 0",
            await ScalarAsync<string>(
                "SELECT string_agg(booking_id || ' ' || (details->>'seats_remaining'), ', ' ORDER BY booking_id) FROM booking_logs WHERE action = 'created'"));
        Assert.True(await ScalarAsync<DateTime>("SELECT updated_at FROM events WHERE id = $1", eventId) > updatedBefore);
        await AssertSeatInvariantAsync(eventId);
    }

    [Fact]
    public async Task CreateBookings_ShouldLeaveTheSameRowsAsOneCreateBookingPerBuyer()
    {
        var users = await InsertUsersAsync(6, "same");

        var one = await InsertEventAsync(seats: 4);
        var batched = await InsertEventAsync(seats: 4);
        int[] order = [users[0], users[1], users[1], users[2], users[3], users[4], users[5]];
        foreach (var (user, i) in order.Select((u, i) => (u, i)))
        {
            try
            {
                await CreateBookingAsync(user, one, $"BK-ONE-{i}");
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
            {
                // The same refusal create_bookings reports as already_booked.
            }
        }

        await CreateBookingsAsync(batched, order, [.. order.Select((_, i) => $"BK-BAT-{i}")]);

        const string Rows =
            """
            SELECT string_agg(b.user_id || ':' || b.status || ':' || (l.details->>'seats_remaining'), ',' ORDER BY l.id)
            FROM bookings b JOIN booking_logs l ON l.booking_id = b.booking_id AND l.action = 'created'
            WHERE b.event_id = $1
            """;
        Assert.Equal(await ScalarAsync<string>(Rows, one), await ScalarAsync<string>(Rows, batched));
        Assert.Equal(await AvailableSeatsAsync(one), await AvailableSeatsAsync(batched));
        await AssertSeatInvariantAsync(batched);
    }

    [Fact]
    public async Task CreateBookings_WhenTheUserHoldsABookingFromBefore_ShouldRefuseOnlyThem_AndBookAgainAfterACancel()
    {
        var holder = await InsertUserAsync("holder@example.com");
        var other = await InsertUserAsync("other@example.com");
        var eventId = await InsertEventAsync(seats: 5);
        Assert.True(await CreateBookingAsync(holder, eventId, "BK-OLD"));

        var first = await CreateBookingsAsync(eventId, [holder, other], ["BK-1", "BK-2"]);
        Assert.True(await CancelBookingAsync("BK-OLD"));
        var second = await CreateBookingsAsync(eventId, [holder], ["BK-3"]);

        Assert.Equal(["already_booked", "created"], first.Select(r => r.Outcome));
        Assert.Equal(["created"], second.Select(r => r.Outcome));
        Assert.Equal(3, await AvailableSeatsAsync(eventId));
        Assert.Equal(3, await LogCountAsync("created", eventId));
        await AssertSeatInvariantAsync(eventId);
    }

    [Fact]
    public async Task CreateBookings_WhenEventDoesNotExist_ShouldAnswerEventNotFoundForEachBuyerAndWriteNothing()
    {
        var (john, jane) = (await InsertUserAsync("john@example.com"), await InsertUserAsync("jane@example.com"));

        var rows = await CreateBookingsAsync(999_999, [john, jane], ["BK-1", "BK-2"]);

        Assert.Equal([new BatchRow("event_not_found", null, null), new BatchRow("event_not_found", null, null)], rows);
        Assert.Equal(0, await ScalarAsync<int>("SELECT count(*)::int FROM bookings"));
        Assert.Equal(0, await ScalarAsync<int>("SELECT count(*)::int FROM booking_logs"));
    }

    [Fact]
    public async Task CreateBookings_WhenTheArraysDifferInLength_ShouldRaiseAndBookNobody()
    {
        var userId = await InsertUserAsync("john@example.com");
        var eventId = await InsertEventAsync(seats: 5);

        var error = await Assert.ThrowsAsync<PostgresException>(() => CreateBookingsAsync(eventId, [userId, userId], ["BK-1"]));

        Assert.Equal(PostgresErrorCodes.InvalidParameterValue, error.SqlState);
        Assert.Equal(5, await AvailableSeatsAsync(eventId));
    }

    [Fact]
    public async Task CreateBookings_WhenOneBuyerCannotBeBooked_ShouldRollBackTheWholeCall()
    {
        var userId = await InsertUserAsync("john@example.com");
        var eventId = await InsertEventAsync(seats: 5);

        var error = await Assert.ThrowsAsync<PostgresException>(() => CreateBookingsAsync(eventId, [userId, 999_999], ["BK-1", "BK-2"]));

        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, error.SqlState);
        Assert.Equal(5, await AvailableSeatsAsync(eventId));
        Assert.Equal(0, await ScalarAsync<int>("SELECT count(*)::int FROM bookings"));
        Assert.Equal(0, await ScalarAsync<int>("SELECT count(*)::int FROM booking_logs"));
    }

    [Fact]
    public async Task CreateBookings_RacingWithCreateBooking_ShouldNeverOversellOrBookAUserTwice()
    {
        var eventId = await InsertEventAsync(seats: 60);
        var users = await InsertUsersAsync(120, "racer");

        // Users 0-99 in 10 batches, users 40-119 one by one: users 40-99 try twice (in a batch and alone).
        var batches = RaceAsync(10, async b =>
        {
            var batch = users.Skip(b * 10).Take(10).ToArray();
            var rows = await CreateBookingsOnOwnConnectionAsync(eventId, batch, [.. batch.Select(u => $"BK-BAT-{u}")]);
            return rows.Count(r => r.Outcome == "created");
        });
        var singles = RaceAsync(80, i => CreateBookingOnOwnConnectionAsync(users[40 + i], eventId, $"BK-ONE-{users[40 + i]}"));

        var booked = (await batches).Sum() + (await singles).Count(r => r == Outcome.Booked);

        Assert.Equal(60, booked);
        Assert.Equal(0, await AvailableSeatsAsync(eventId));
        Assert.Equal(60, await ConfirmedBookingsAsync(eventId));
        Assert.Equal(60, await LogCountAsync("created", eventId));
        Assert.Equal(0, await ScalarAsync<int>(
            "SELECT count(*)::int FROM (SELECT user_id FROM bookings WHERE status = 'confirmed' GROUP BY user_id HAVING count(*) > 1) d"));
        await AssertSeatInvariantAsync(eventId);
    }

    private sealed record BatchRow(string Outcome, DateTime? BookedAt, int? SeatsLeft);

    private Task<List<BatchRow>> CreateBookingsAsync(int eventId, int[] userIds, string[] bookingIds) =>
        ReadBatchRowsAsync(Database.DataSource.CreateCommand(), eventId, userIds, bookingIds);

    private async Task<List<BatchRow>> CreateBookingsOnOwnConnectionAsync(int eventId, int[] userIds, string[] bookingIds)
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString + ";Pooling=false");
        await connection.OpenAsync();
        return await ReadBatchRowsAsync(connection.CreateCommand(), eventId, userIds, bookingIds);
    }

    private static async Task<List<BatchRow>> ReadBatchRowsAsync(NpgsqlCommand command, int eventId, int[] userIds, string[] bookingIds)
    {
        await using (command)
        {
            command.CommandText = "SELECT outcome, booked_at, seats_left FROM create_bookings($1, $2, $3)";
            command.Parameters.Add(new() { Value = eventId });
            command.Parameters.Add(new() { Value = userIds });
            command.Parameters.Add(new() { Value = bookingIds });
            var rows = new List<BatchRow>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows.Add(new BatchRow(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetDateTime(1), reader.IsDBNull(2) ? null : reader.GetInt32(2)));
            }

            return rows;
        }
    }

    private enum Outcome
    {
        Booked,
        Refused,
        Duplicate,
    }

    /// <summary>Starts <paramref name="count"/> calls together (released by one gate) and waits for all.</summary>
    private static async Task<T[]> RaceAsync<T>(int count, Func<int, Task<T>> call)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = Enumerable.Range(0, count).Select(async i =>
        {
            await gate.Task;
            return await call(i);
        }).ToList();
        gate.SetResult();
        return await Task.WhenAll(calls);
    }

    /// <summary>One physical connection per call (no pooling), so the database really sees parallel sessions.</summary>
    private async Task<Outcome> CreateBookingOnOwnConnectionAsync(int userId, int eventId, string bookingId)
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT create_booking($1, $2, $3)", connection)
        {
            Parameters = { new() { Value = userId }, new() { Value = eventId }, new() { Value = bookingId } },
        };
        try
        {
            return (bool)(await command.ExecuteScalarAsync())! ? Outcome.Booked : Outcome.Refused;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return Outcome.Duplicate;
        }
    }

    private async Task<bool> CancelOnOwnConnectionAsync(string bookingId)
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT cancel_booking($1)", connection)
        {
            Parameters = { new() { Value = bookingId } },
        };
        return (bool)(await command.ExecuteScalarAsync())!;
    }
}
