using System.Diagnostics.Metrics;
using System.Text.Json;
using EventBooking.Application.Bookings;
using EventBooking.Application.Common.Telemetry;
using EventBooking.Domain.Bookings;
using EventBooking.Infrastructure.IntegrationTests.Support;
using EventBooking.Infrastructure.Seats;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace EventBooking.Infrastructure.IntegrationTests.Persistence;

/// <summary>
/// Buyers of several events in one transaction (docs/adr/0021): <c>create_bookings_across_events</c> keeps each event's
/// rules, answers in the order given, never deadlocks with itself, and the ledger's buyers of different events share calls.
/// </summary>
public sealed class CrossEventBookingTests(DatabaseFixture database) : DatabaseTest(database)
{
    [Fact]
    public async Task CreateBookingsAcrossEvents_ShouldJudgeEachEventsBuyersByItsOwnRulesAndAnswerInTheOrderGiven()
    {
        var (u1, u2, u3) = (await InsertUserAsync("u1@example.com"), await InsertUserAsync("u2@example.com"), await InsertUserAsync("u3@example.com"));
        var (a, b, started) = (await InsertEventAsync(seats: 2), await InsertEventAsync(seats: 1), await InsertEventAsync(seats: 5));
        await ExecuteAsync("UPDATE events SET event_date = timezone('utc', now()) - interval '1 minute' WHERE id = $1", started);
        const int missing = 987_654;
        await using var listener = await ListenAsync();

        var rows = await CallAsync(
            [b, a, missing, b, a, started, a],
            [u1, u1, u2, u2, u1, u3, u3]);

        Assert.Equal(
            ["1 created 0", "2 created 1", "3 event_not_found ", "4 sold_out 0", "5 already_booked 1", "6 event_started 5", "7 created 0"],
            rows);
        Assert.Equal(0, await AvailableSeatsAsync(a));
        Assert.Equal(0, await AvailableSeatsAsync(b));
        Assert.Equal(5, await AvailableSeatsAsync(started));
        Assert.Equal(2, await LogCountAsync("created", a));
        Assert.Equal(1, await LogCountAsync("created", b));
        await AssertSeatInvariantAsync(a);
        await AssertSeatInvariantAsync(b);

        // One announcement per event that changed, each with its final count, sent when the one transaction committed.
        var announced = await ReadNotificationsAsync(listener, 2);
        Assert.Equal([$"{a}:0", $"{b}:0"], announced.Order());
    }

    [Fact]
    public async Task CreateBookingsAcrossEvents_ForRandomCalls_ShouldAnswerAndWriteWhatTheRulesInArrayOrderSay()
    {
        // The function judges every buyer of a call in one statement (BookingsJudgedAsOneSet); this holds it to the rules
        // as they read one buyer at a time, over calls that mix every answer: seats running out part-way, repeated and
        // earlier buyers, bookings cancelled before, started and missing events.
        var users = await InsertUsersAsync(4, "model");
        var random = new Random(20261207);
        var answers = new HashSet<string>();
        for (var call = 0; call < 40; call++)
        {
            var events = new Dictionary<int, ModelEvent>();
            for (var i = 0; i < 4; i++)
            {
                var seats = random.Next(1, 4);
                var eventId = await InsertEventAsync(seats);
                var model = new ModelEvent(seats);
                foreach (var holder in users.Where(_ => random.Next(3) == 0).Take(seats))
                {
                    var bookingId = $"BK-M{call}-{eventId}-{holder}";
                    Assert.True(await CreateBookingAsync(holder, eventId, bookingId));
                    if (random.Next(3) == 0)
                    {
                        Assert.True(await CancelBookingAsync(bookingId));
                    }
                    else
                    {
                        model.Holders.Add(holder);
                        model.Available--;
                    }
                }

                if (random.Next(5) == 0)
                {
                    await ExecuteAsync("UPDATE events SET event_date = timezone('utc', now()) - interval '1 minute' WHERE id = $1", eventId);
                    model.Started = true;
                }

                events[eventId] = model;
            }

            int[] candidates = [.. events.Keys, 987_654];
            var buyers = random.Next(1, 11);
            var eventIds = Enumerable.Range(0, buyers).Select(_ => candidates[random.Next(candidates.Length)]).ToArray();
            var userIds = Enumerable.Range(0, buyers).Select(_ => users[random.Next(users.Count)]).ToArray();
            var createdBefore = events.ToDictionary(e => e.Key, e => e.Value.Holders.Count);

            var expected = Judge(events, eventIds, userIds);
            var rows = await CallAsync(eventIds, userIds);

            Assert.Equal(expected, rows);
            foreach (var (eventId, model) in events)
            {
                // Each new booking's audit row carries the seats left after it, as its buyer's answer does.
                var answered = rows.Where((row, i) => eventIds[i] == eventId && row.Contains(" created ", StringComparison.Ordinal))
                    .Select(row => row.Split(' ')[2]).Order(StringComparer.Ordinal).ToList();
                Assert.Equal(answered, await SeatsRemainingLoggedAsync(eventId));
                Assert.Equal(model.Available, await AvailableSeatsAsync(eventId));
                Assert.Equal(model.Holders.Count, await ConfirmedBookingsAsync(eventId));
                Assert.Equal(
                    model.Holders.Count - createdBefore[eventId],
                    await ScalarAsync<int>("SELECT count(*)::int FROM booking_logs WHERE action = 'created' AND event_id = $1 AND booking_id LIKE 'BK-X%'", eventId));
                await AssertSeatInvariantAsync(eventId);
            }

            answers.UnionWith(rows.Select(r => r.Split(' ')[1]));
        }

        Assert.Equal(["already_booked", "created", "event_not_found", "event_started", "sold_out"], answers.Order());
    }

    [Fact]
    public async Task CreateBookingsAcrossEvents_CalledConcurrentlyWithOverlappingEventsInAnyOrder_ShouldNeitherDeadlockNorOversell()
    {
        var events = new List<int>();
        for (var i = 0; i < 8; i++)
        {
            events.Add(await InsertEventAsync(seats: 15));
        }

        var users = await InsertUsersAsync(400, "race");

        // 40 calls at once, each booking 10 users over the events in a shuffled order: every call locks several of the
        // same rows, and would deadlock with another if it locked them in the order given.
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = Enumerable.Range(0, 40).Select(call => Task.Run(async () =>
        {
            var random = new Random(call);
            var eventIds = Enumerable.Range(0, 10).Select(_ => events[random.Next(events.Count)]).ToArray();
            var userIds = users.Skip(call * 10).Take(10).ToArray();
            await gate.Task;
            return await CallAsync(eventIds, userIds);
        })).ToList();
        gate.SetResult();
        var rows = (await Task.WhenAll(calls)).SelectMany(r => r).ToList();

        Assert.Equal(400, rows.Count);
        var created = rows.Count(r => r.Contains(" created ", StringComparison.Ordinal));
        Assert.Equal(created, await ScalarAsync<int>("SELECT count(*)::int FROM bookings WHERE status = 'confirmed'"));
        Assert.Equal(400 - created, rows.Count(r => r.Contains(" sold_out ", StringComparison.Ordinal)));
        foreach (var eventId in events)
        {
            await AssertSeatInvariantAsync(eventId);
        }
    }

    [Fact]
    public async Task Executor_WhenOneEventsBatchFailsInTheDatabase_ShouldStillBookTheOtherEventsBuyers()
    {
        var buyer = await InsertUserAsync("buyer@example.com");
        var (a, b) = (await InsertEventAsync(seats: 3), await InsertEventAsync(seats: 3));
        var executor = new BookingBatchExecutor(
            Database.DataSource, Options.Create(new BookingOptions()), Database.Services.GetRequiredService<EventBookingMetrics>());

        // The user of event b's batch does not exist: the one call fails on the foreign key, and each event goes alone.
        var outcomes = await executor.ExecuteAsync(
            0, [new EventBatch(a, [new PendingBooking(buyer, "BK-CROSS-1")]), new EventBatch(b, [new PendingBooking(987_654, "BK-CROSS-2")])]);

        Assert.Equal(BookingOutcomeStatus.Created, (await (await outcomes[0])[0]).Status);
        Assert.Equal(BookingOutcomeStatus.UserNotFound, (await (await outcomes[1])[0]).Status);
        Assert.Equal(2, await AvailableSeatsAsync(a));
        Assert.Equal(3, await AvailableSeatsAsync(b));
        Assert.Equal(1, await LogCountAsync("created", a));
    }

    [Fact]
    public async Task Ledger_ForBuyersSpreadOverManyEventsAtOnce_ShouldBookSeveralEventsPerCallAndKeepEveryInvariant()
    {
        var events = new List<int>();
        for (var i = 0; i < 30; i++)
        {
            events.Add(await InsertEventAsync(seats: 5));
        }

        var users = await InsertUsersAsync(200, "spread");
        var mostEventsInACall = 0;
        var batchesInCalls = 0;
        var callWaits = 0;
        using var meter = new MeterListener();
        meter.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name is "eventbooking.booking.call.events" or "eventbooking.booking.call.wait")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        meter.SetMeasurementEventCallback<int>((_, value, _, _) =>
        {
            InterlockedMax(ref mostEventsInACall, value);
            Interlocked.Add(ref batchesInCalls, value);
        });
        meter.SetMeasurementEventCallback<double>((_, _, _, _) => Interlocked.Increment(ref callWaits));
        meter.Start();

        var results = await Task.WhenAll(users.Select((user, i) => Task.Run(async () =>
        {
            await using var scope = Database.Services.CreateAsyncScope();
            var ledger = scope.ServiceProvider.GetRequiredService<ISeatLedger>();
            return await ledger.ConfirmAsync(new BookingRequest(events[i % events.Count], user, DateTime.UtcNow), CancellationToken.None);
        })));

        Assert.Equal(150, results.Count(r => r.IsSuccess)); // 30 events of 5 seats
        Assert.All(results.Where(r => !r.IsSuccess), r => Assert.Equal(Domain.Events.EventErrors.NoSeatsAvailable, r.Error));
        Assert.Equal(150, await ScalarAsync<int>("SELECT count(*)::int FROM booking_logs WHERE action = 'created'"));
        foreach (var eventId in events)
        {
            Assert.Equal(0, await AvailableSeatsAsync(eventId));
            await AssertSeatInvariantAsync(eventId);
        }

        Assert.True(mostEventsInACall > 1, $"every call carried one event (most: {mostEventsInACall})");
        Assert.Equal(batchesInCalls, callWaits); // each event's batch waited for its call once, and that wait was recorded
    }

    /// <summary><c>seats_remaining</c> of this test's <c>created</c> audit rows of the event (booking ids from <see cref="CallAsync"/>), sorted.</summary>
    private async Task<List<string>> SeatsRemainingLoggedAsync(int eventId)
    {
        await using var command = Database.DataSource.CreateCommand(
            "SELECT details->>'seats_remaining' FROM booking_logs WHERE action = 'created' AND event_id = $1 AND booking_id LIKE 'BK-X%'");
        command.Parameters.Add(new NpgsqlParameter { Value = eventId });
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        values.Sort(StringComparer.Ordinal);
        return values;
    }

    /// <summary>The rules one buyer at a time, in array order; each row as <see cref="CallAsync"/> gives it.</summary>
    private static List<string> Judge(Dictionary<int, ModelEvent> events, int[] eventIds, int[] userIds)
    {
        var rows = new List<string>();
        for (var i = 0; i < eventIds.Length; i++)
        {
            var ordinal = i + 1;
            if (!events.TryGetValue(eventIds[i], out var model))
            {
                rows.Add($"{ordinal} event_not_found ");
            }
            else if (model.Started)
            {
                rows.Add($"{ordinal} event_started {model.Available}");
            }
            else if (model.Available <= 0)
            {
                rows.Add($"{ordinal} sold_out 0");
            }
            else if (!model.Holders.Add(userIds[i]))
            {
                rows.Add($"{ordinal} already_booked {model.Available}");
            }
            else
            {
                model.Available--;
                rows.Add($"{ordinal} created {model.Available}");
            }
        }

        return rows;
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    /// <summary>One call; each row as "ordinal outcome seats_left".</summary>
    private async Task<List<string>> CallAsync(int[] eventIds, int[] userIds)
    {
        var bookingIds = eventIds.Select((e, i) => $"BK-X{e}-{userIds[i]}-{Guid.NewGuid():N}"[..40]).ToArray();
        await using var command = Database.DataSource.CreateCommand(
            "SELECT ordinal, outcome, seats_left FROM create_bookings_across_events($1, $2, $3) ORDER BY ordinal");
        command.Parameters.Add(new NpgsqlParameter { Value = eventIds });
        command.Parameters.Add(new NpgsqlParameter { Value = userIds });
        command.Parameters.Add(new NpgsqlParameter { Value = bookingIds });
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add($"{reader.GetInt32(0)} {reader.GetString(1)} {(reader.IsDBNull(2) ? "" : reader.GetInt32(2))}");
        }

        return rows;
    }

    private async Task<NpgsqlConnection> ListenAsync()
    {
        var connection = new NpgsqlConnection(Database.ConnectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var listen = new NpgsqlCommand("LISTEN eventbooking_seat_changes", connection);
        await listen.ExecuteNonQueryAsync();
        return connection;
    }

    /// <summary>"eventId:availableSeats" of the next <paramref name="count"/> notifications (5 s at most).</summary>
    private static async Task<List<string>> ReadNotificationsAsync(NpgsqlConnection connection, int count)
    {
        var received = new List<string>();
        void OnNotification(object sender, NpgsqlNotificationEventArgs e)
        {
            using var payload = JsonDocument.Parse(e.Payload);
            received.Add($"{payload.RootElement.GetProperty("eventId").GetInt32()}:{payload.RootElement.GetProperty("availableSeats").GetInt32()}");
        }

        connection.Notification += OnNotification;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        while (received.Count < count && !timeout.IsCancellationRequested)
        {
            await connection.WaitAsync(timeout.Token).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        connection.Notification -= OnNotification;
        return received;
    }

    /// <summary>What the model knows of one event: its seats left, whether it started, who holds a confirmed booking.</summary>
    private sealed class ModelEvent(int available)
    {
        public int Available { get; set; } = available;

        public bool Started { get; set; }

        public HashSet<int> Holders { get; } = [];
    }
}
