using System.Net;
using System.Text.Json;
using EventBooking.WebApi.IntegrationTests.Support;

namespace EventBooking.WebApi.IntegrationTests.Bookings;

/// <summary>
/// Contract §5: losing a race (for the last seat, against one's own parallel request, or to cancel) is the same
/// 409 as when nobody races, never a 500 and never an oversold event. Requests are started together through a
/// gate against the real database; afterwards the database must agree with the answers.
/// </summary>
public sealed class BookingLoadTests(DatabaseFixture database) : BookingApiTest(database)
{
    [Fact]
    public async Task Create_When200UsersBookA50SeatEventAtOnce_ShouldSellExactly50AndRefuseTheRestWith409()
    {
        var users = await CreateBookingUsersAsync(200);
        var eventId = await InsertBookingEventAsync(seats: 50);

        var answers = await AllAtOnceAsync(users.Select(u => (Func<HttpRequestMessage>)(() => BookingRequest(u.Token, eventId))).ToList());

        AssertNo5xx(answers);
        var created = answers.Where(a => a.Status == HttpStatusCode.Created).ToList();
        Assert.Equal(50, created.Count);
        Assert.Equal(150, answers.Count(a => a.Status == HttpStatusCode.Conflict));
        foreach (var refused in answers.Where(a => a.Status == HttpStatusCode.Conflict))
        {
            AssertErrorBody(refused, "BOOKING_CONFLICT", "No seats available for this event");
        }

        Assert.Equal(0, await BookingAvailableSeatsAsync(eventId));
        Assert.Equal(50, await CountBookingRowsAsync("confirmed"));
        Assert.Equal(50, await CountBookingRowsAsync());
        Assert.Equal(50, await CountBookingLogsAsync("created"));
        Assert.Equal(50, await ScalarAsync<long>("SELECT count(DISTINCT user_id) FROM bookings"));
        var seatsRemaining = new List<int>();
        foreach (var answer in created)
        {
            var data = answer.Body.GetProperty("data");
            var bookingId = data.GetProperty("bookingId").GetString()!;
            Assert.Equal("confirmed", await BookingStatusAsync(bookingId));
            Assert.Equal(users[answer.Index].Id, await ScalarAsync<int>("SELECT user_id FROM bookings WHERE booking_id = $1", bookingId));
            var log = await SingleBookingLogAsync(bookingId, "created");
            Assert.Equal(users[answer.Index].Id, log.UserId);
            var remaining = data.GetProperty("event").GetProperty("availableSeats").GetInt32();
            Assert.Equal(log.Details.GetProperty("seats_remaining").GetInt32(), remaining);
            seatsRemaining.Add(remaining);
        }

        // Each winner saw the count its own booking left: 49, 48, ..., 0, each exactly once.
        Assert.Equal(Enumerable.Range(0, 50), seatsRemaining.Order());
        await AssertBookingSeatInvariantAsync(eventId);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(1)]
    public async Task Create_WhenOneUserSends20RequestsAtOnce_ShouldBookOnceAndRefuseTheRestWith409(int seats)
    {
        var (userId, token) = await CreateUserAsync("ann@example.com");
        var eventId = await InsertBookingEventAsync(seats: seats);

        var answers = await AllAtOnceAsync(Enumerable.Range(0, 20).Select(_ => (Func<HttpRequestMessage>)(() => BookingRequest(token, eventId))).ToList());

        AssertNo5xx(answers);
        var created = Assert.Single(answers, a => a.Status == HttpStatusCode.Created);
        Assert.Equal(19, answers.Count(a => a.Status == HttpStatusCode.Conflict));
        string[] allowed = seats == 1
            ? ["You already have a booking for this event", "No seats available for this event"]
            : ["You already have a booking for this event"];
        foreach (var refused in answers.Where(a => a.Status == HttpStatusCode.Conflict))
        {
            var error = refused.Body.GetProperty("error");
            Assert.Equal("BOOKING_CONFLICT", error.GetProperty("code").GetString());
            Assert.Contains(error.GetProperty("message").GetString(), allowed);
        }

        var bookingId = created.Body.GetProperty("data").GetProperty("bookingId").GetString()!;
        Assert.Equal(1, await CountBookingRowsAsync());
        Assert.Equal(userId, await ScalarAsync<int>("SELECT user_id FROM bookings WHERE booking_id = $1", bookingId));
        Assert.Equal(1, await CountBookingLogsAsync());
        Assert.Equal(seats - 1, await BookingAvailableSeatsAsync(eventId));
        await AssertBookingSeatInvariantAsync(eventId);
    }

    [Fact]
    public async Task Cancel_WhenTheOwnerSends100CancelsAtOnce_ShouldCancelOnceAndRefuseTheRestWith409()
    {
        var (userId, token) = await CreateUserAsync("ann@example.com");
        var eventId = await InsertBookingEventAsync(seats: 10);
        Assert.True(await SeedBookingAsync(userId, eventId, "BK-T-001"));

        var answers = await AllAtOnceAsync(
            Enumerable.Range(0, 100).Select(_ => (Func<HttpRequestMessage>)(() => Request(HttpMethod.Delete, BookingPath("BK-T-001"), token))).ToList());

        AssertNo5xx(answers);
        var cancelled = Assert.Single(answers, a => a.Status == HttpStatusCode.OK);
        Assert.Equal("Booking cancelled successfully", cancelled.Body.GetProperty("message").GetString());
        Assert.Equal(99, answers.Count(a => a.Status == HttpStatusCode.Conflict));
        foreach (var refused in answers.Where(a => a.Status == HttpStatusCode.Conflict))
        {
            AssertErrorBody(refused, "BOOKING_CONFLICT", "Booking is already cancelled");
        }

        Assert.Equal("cancelled", await BookingStatusAsync("BK-T-001"));
        Assert.Equal(10, await BookingAvailableSeatsAsync(eventId));
        Assert.Equal(1, await CountBookingLogsAsync("cancelled"));
        Assert.Equal(10, (await SingleBookingLogAsync("BK-T-001", "cancelled")).Details.GetProperty("seats_remaining").GetInt32());
        await AssertBookingSeatInvariantAsync(eventId);
    }

    [Fact]
    public async Task CreateAndCancel_WhenHoldersCancelWhileOthersBookAFullEvent_ShouldKeepSeatsAndBookingsInStep()
    {
        var holders = await CreateBookingUsersAsync(5, "holder");
        var bookers = await CreateBookingUsersAsync(20, "booker");
        var eventId = await InsertBookingEventAsync(seats: 5);
        for (var i = 0; i < holders.Count; i++)
        {
            Assert.True(await SeedBookingAsync(holders[i].Id, eventId, $"BK-T-{i:000}"));
        }

        var requests = holders
            .Select((h, i) => (Func<HttpRequestMessage>)(() => Request(HttpMethod.Delete, BookingPath($"BK-T-{i:000}"), h.Token)))
            .Concat(bookers.Select(b => (Func<HttpRequestMessage>)(() => BookingRequest(b.Token, eventId))))
            .ToList();
        var answers = await AllAtOnceAsync(requests);

        AssertNo5xx(answers);
        Assert.All(answers.Take(holders.Count), a => Assert.Equal(HttpStatusCode.OK, a.Status));
        var bookings = answers.Skip(holders.Count).ToList();
        var created = bookings.Count(a => a.Status == HttpStatusCode.Created);
        Assert.InRange(created, 0, 5);
        Assert.Equal(20 - created, bookings.Count(a => a.Status == HttpStatusCode.Conflict));
        foreach (var refused in bookings.Where(a => a.Status == HttpStatusCode.Conflict))
        {
            AssertErrorBody(refused, "BOOKING_CONFLICT", "No seats available for this event");
        }

        Assert.Equal(created, await CountBookingRowsAsync("confirmed"));
        Assert.Equal(5 - created, await BookingAvailableSeatsAsync(eventId));
        Assert.Equal(5 + created, await CountBookingLogsAsync("created"));
        Assert.Equal(5, await CountBookingLogsAsync("cancelled"));
        await AssertBookingSeatInvariantAsync(eventId);
    }

    /// <summary>Builds every request first, then releases them together and collects status and JSON body in order.</summary>
    private async Task<IReadOnlyList<Answer>> AllAtOnceAsync(IReadOnlyList<Func<HttpRequestMessage>> requests)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = requests.Select((build, index) =>
        {
            var request = build();
            return Task.Run(async () =>
            {
                await gate.Task;
                using var response = await Client.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                using var document = JsonDocument.Parse(text);
                return new Answer(index, response.StatusCode, document.RootElement.Clone());
            });
        }).ToList();
        gate.SetResult();
        return await Task.WhenAll(tasks);
    }

    private static void AssertNo5xx(IReadOnlyList<Answer> answers)
    {
        var failures = answers.Where(a => (int)a.Status >= 500).ToList();
        Assert.True(failures.Count == 0, $"{failures.Count} answers were 5xx, e.g. {failures.FirstOrDefault()?.Body}");
    }

    private static void AssertErrorBody(Answer answer, string code, string message)
    {
        Assert.False(answer.Body.GetProperty("success").GetBoolean());
        var error = answer.Body.GetProperty("error");
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.Equal(message, error.GetProperty("message").GetString());
    }

    private sealed record Answer(int Index, HttpStatusCode Status, JsonElement Body);
}
