using System.Net;
using EventBooking.WebApi.IntegrationTests.Support;
using Microsoft.Extensions.Primitives;
using Xunit.Abstractions;
using static EventBooking.WebApi.IntegrationTests.Support.ApiAssertions;

namespace EventBooking.WebApi.IntegrationTests.Bookings;

/// <summary>
/// POST /api/bookings with an <c>Idempotency-Key</c> header: a retry with the same key and body gets the first
/// answer again (marked <c>Idempotency-Replayed: true</c>) without booking twice.
/// </summary>
public sealed class IdempotencyTests(DatabaseFixture database, ITestOutputHelper output) : BookingApiTest(database)
{
    [Fact]
    public async Task Create_WhenTheSameKeyAndBodyAreSentTwice_ShouldReplayTheFirstAnswerAndBookOnce()
    {
        var (userId, token) = await CreateUserAsync("ann@example.com");
        var eventId = await InsertBookingEventAsync(seats: 10);

        var first = await PostBookingAsync(token, eventId, "key-1");
        var second = await PostBookingAsync(token, eventId, "key-1");

        var firstBody = await first.Content.ReadAsStringAsync();
        var secondBody = await second.Content.ReadAsStringAsync();
        await AssertSuccessAsync(first, HttpStatusCode.Created);
        Assert.False(first.Headers.Contains(ReplayedHeader));
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal("application/json", second.Content.Headers.ContentType?.MediaType);
        Assert.Equal(firstBody, secondBody);
        Assert.Equal(["true"], second.Headers.GetValues(ReplayedHeader));

        Assert.Equal(1, await CountBookingRowsAsync());
        Assert.Equal(1, await CountBookingLogsAsync());
        Assert.Equal(9, await BookingAvailableSeatsAsync(eventId));
        Assert.Equal(1, await ScalarAsync<long>("SELECT count(*) FROM idempotency_keys WHERE user_id = $1 AND key = 'key-1' AND status = 'completed'", userId));
    }

    [Fact]
    public async Task Create_WhenTheSameKeyComesWithADifferentBody_ShouldAnswer422AndBookNothingMore()
    {
        var (_, token) = await CreateUserAsync("ann@example.com");
        var firstEvent = await InsertBookingEventAsync(seats: 10);
        var secondEvent = await InsertBookingEventAsync(seats: 10);
        await AssertSuccessAsync(await PostBookingAsync(token, firstEvent, "key-1"), HttpStatusCode.Created);

        var response = await PostBookingAsync(token, secondEvent, "key-1");

        await AssertBookingErrorAsync(
            response, (HttpStatusCode)422, "IDEMPOTENCY_KEY_REUSED", "This Idempotency-Key was already used with a different request");
        Assert.False(response.Headers.Contains(ReplayedHeader));
        Assert.Equal(1, await CountBookingRowsAsync());
        Assert.Equal(10, await BookingAvailableSeatsAsync(secondEvent));
    }

    [Fact]
    public async Task Create_WhenTwoUsersUseTheSameKey_ShouldTreatThemIndependently()
    {
        var (_, annToken) = await CreateUserAsync("ann@example.com");
        var (_, bobToken) = await CreateUserAsync("bob@example.com");
        var eventId = await InsertBookingEventAsync(seats: 10);

        var ann = await PostBookingAsync(annToken, eventId, "shared-key");
        var bob = await PostBookingAsync(bobToken, eventId, "shared-key");

        var annData = await AssertSuccessAsync(ann, HttpStatusCode.Created);
        var bobData = await AssertSuccessAsync(bob, HttpStatusCode.Created);
        Assert.False(bob.Headers.Contains(ReplayedHeader));
        Assert.NotEqual(annData.GetProperty("bookingId").GetString(), bobData.GetProperty("bookingId").GetString());
        Assert.Equal(2, await CountBookingRowsAsync("confirmed"));
        Assert.Equal(8, await BookingAvailableSeatsAsync(eventId));
        Assert.Equal(2, await CountBookingIdempotencyKeysAsync());
    }

    [Fact]
    public async Task Create_WhenTheFirstAnswerWasA409_ShouldReplayThe409EvenAfterASeatFreesUp()
    {
        var (bobId, _) = await CreateUserAsync("bob@example.com");
        var (_, token) = await CreateUserAsync("ann@example.com");
        var eventId = await InsertBookingEventAsync(seats: 1);
        Assert.True(await SeedBookingAsync(bobId, eventId, "BK-T-001"));

        var first = await PostBookingAsync(token, eventId, "key-1");
        var firstBody = await first.Content.ReadAsStringAsync();
        await AssertBookingErrorAsync(first, HttpStatusCode.Conflict, "BOOKING_CONFLICT", "No seats available for this event");
        Assert.True(await SeedCancellationAsync("BK-T-001"));

        var second = await PostBookingAsync(token, eventId, "key-1");

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal(firstBody, await second.Content.ReadAsStringAsync());
        Assert.Equal(["true"], second.Headers.GetValues(ReplayedHeader));
        Assert.Equal(1, await BookingAvailableSeatsAsync(eventId));
        Assert.Equal(0, await CountBookingRowsAsync("confirmed"));
    }

    [Fact]
    public async Task Create_WhenTheSameRequestIsStillInProgress_ShouldAnswer409InProgressAndBookNothing()
    {
        var (userId, token) = await CreateUserAsync("ann@example.com");
        var (probeId, probeToken) = await CreateUserAsync("probe@example.com");
        var eventId = await InsertBookingEventAsync(seats: 10);
        var otherEvent = await InsertBookingEventAsync(seats: 10);
        // The hash the API computes for this body (it does not depend on the user), from another user's completed request.
        await AssertSuccessAsync(await PostBookingAsync(probeToken, eventId, "probe"), HttpStatusCode.Created);
        var hash = await ScalarAsync<string>("SELECT request_hash FROM idempotency_keys WHERE user_id = $1 AND key = 'probe'", probeId);
        await ExecuteBookingSqlAsync(
            """
            INSERT INTO idempotency_keys (user_id, key, request_hash, status, created_at, expires_at)
            VALUES ($1, 'k', $2, 'in_progress', timezone('utc', now()), timezone('utc', now()) + interval '1 day')
            """,
            userId,
            hash);

        var response = await PostBookingAsync(token, eventId, "k");
        var differentBody = await PostBookingAsync(token, otherEvent, "k");

        await AssertBookingErrorAsync(response, HttpStatusCode.Conflict, "CONFLICT", "A request with this Idempotency-Key is in progress");
        Assert.False(response.Headers.Contains(ReplayedHeader));
        Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
        await AssertErrorAsync(differentBody, (HttpStatusCode)422, "IDEMPOTENCY_KEY_REUSED");
        Assert.Equal(0, await ScalarAsync<long>("SELECT count(*) FROM bookings WHERE user_id = $1", userId));
        Assert.Equal(9, await BookingAvailableSeatsAsync(eventId));
        Assert.Equal(10, await BookingAvailableSeatsAsync(otherEvent));
        Assert.Equal("in_progress", await ScalarAsync<string>("SELECT status FROM idempotency_keys WHERE user_id = $1 AND key = 'k'", userId));
    }

    [Fact]
    public async Task Create_WhenAnInProgressRowWasAbandonedLongAgo_ShouldRunTheRequest()
    {
        var (userId, token) = await CreateUserAsync("ann@example.com");
        var eventId = await InsertBookingEventAsync(seats: 10);
        await ExecuteBookingSqlAsync(
            """
            INSERT INTO idempotency_keys (user_id, key, request_hash, status, created_at, expires_at)
            VALUES ($1, 'k', 'x', 'in_progress', timezone('utc', now()) - interval '1 hour', timezone('utc', now()) + interval '1 day')
            """,
            userId);

        var response = await PostBookingAsync(token, eventId, "k");

        await AssertSuccessAsync(response, HttpStatusCode.Created);
        Assert.False(response.Headers.Contains(ReplayedHeader));
        Assert.Equal(1, await CountBookingRowsAsync("confirmed"));
        Assert.Equal("completed", await ScalarAsync<string>("SELECT status FROM idempotency_keys WHERE user_id = $1 AND key = 'k'", userId));
    }

    [Fact]
    public async Task Create_WhenTheInstanceRunningTheKeyDiedAMomentAgo_ShouldRunTheRetryAtOnce()
    {
        var (userId, token) = await CreateUserAsync("ann@example.com");
        var eventId = await InsertBookingEventAsync(seats: 10);
        // Claimed a second ago by an instance whose lease (advisory lock) nobody holds: it died with its connection.
        await ExecuteBookingSqlAsync(
            """
            INSERT INTO idempotency_keys (user_id, key, request_hash, status, created_at, expires_at, owner_instance)
            VALUES ($1, 'k', 'x', 'in_progress', timezone('utc', now()) - interval '1 second', timezone('utc', now()) + interval '1 day', 2147483647)
            """,
            userId);

        var response = await PostBookingAsync(token, eventId, "k");

        await AssertSuccessAsync(response, HttpStatusCode.Created);
        Assert.Equal(1, await CountBookingRowsAsync("confirmed"));
        Assert.Equal("completed", await ScalarAsync<string>("SELECT status FROM idempotency_keys WHERE user_id = $1 AND key = 'k'", userId));
        Assert.NotEqual(2147483647, await ScalarAsync<int>("SELECT coalesce(owner_instance, 0) FROM idempotency_keys WHERE user_id = $1 AND key = 'k'", userId));
    }

    [Fact]
    public async Task Create_WhenTheStoredAnswerHasExpiredAndTheBookingWasCancelled_ShouldBookAgainWithoutReplay()
    {
        var (userId, token) = await CreateUserAsync("ann@example.com");
        var eventId = await InsertBookingEventAsync(seats: 10);
        var first = await AssertSuccessAsync(await PostBookingAsync(token, eventId, "key-1"), HttpStatusCode.Created);
        var firstId = first.GetProperty("bookingId").GetString()!;
        Assert.True(await SeedCancellationAsync(firstId));
        await ExpireKeyAsync(userId, "key-1");

        var response = await PostBookingAsync(token, eventId, "key-1");

        var data = await AssertSuccessAsync(response, HttpStatusCode.Created);
        Assert.False(response.Headers.Contains(ReplayedHeader));
        Assert.NotEqual(firstId, data.GetProperty("bookingId").GetString());
        Assert.Equal(2, await CountBookingRowsAsync());
        Assert.Equal(1, await CountBookingRowsAsync("confirmed"));
        Assert.Equal(9, await BookingAvailableSeatsAsync(eventId));
    }

    [Fact]
    public async Task Create_WhenTheStoredAnswerHasExpiredAndTheBookingStands_ShouldRunAgainAndAnswerAlreadyBooked()
    {
        var (userId, token) = await CreateUserAsync("ann@example.com");
        var eventId = await InsertBookingEventAsync(seats: 10);
        await AssertSuccessAsync(await PostBookingAsync(token, eventId, "key-1"), HttpStatusCode.Created);
        await ExpireKeyAsync(userId, "key-1");

        var response = await PostBookingAsync(token, eventId, "key-1");

        await AssertBookingErrorAsync(response, HttpStatusCode.Conflict, "BOOKING_CONFLICT", "You already have a booking for this event");
        Assert.False(response.Headers.Contains(ReplayedHeader));
        Assert.Equal(1, await CountBookingRowsAsync());
        Assert.Equal(9, await BookingAvailableSeatsAsync(eventId));
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("clé-non-ascii")]
    [InlineData("tab\there")]
    [InlineData("101")]
    public async Task Create_WhenTheKeyIsInvalid_ShouldAnswer400AndStoreNothing(string key)
    {
        var (_, token) = await CreateUserAsync("ann@example.com");
        var eventId = await InsertBookingEventAsync(seats: 10);
        if (key == "101")
        {
            key = new string('k', 101);
        }

        var response = await PostBookingAsync(token, eventId, key);

        var error = await AssertErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Equal([IdempotencyKeyHeader], DetailFields(error));
        Assert.Equal(0, await CountBookingRowsAsync());
        Assert.Equal(0, await CountBookingIdempotencyKeysAsync());
        Assert.Equal(10, await BookingAvailableSeatsAsync(eventId));
    }

    /// <summary>
    /// HttpClient and TestServer drop a header whose value is empty, so the server's own HttpContext gets it
    /// set here, as Kestrel hands over <c>Idempotency-Key:</c> with nothing after it.
    /// </summary>
    [Fact]
    public async Task Create_WhenTheKeyIsEmpty_ShouldAnswer400AndStoreNothing()
    {
        var (_, token) = await CreateUserAsync("ann@example.com");
        var eventId = await InsertBookingEventAsync(seats: 10);
        using var client = new HttpClient(
            Factory.Server.CreateHandler(http => http.Request.Headers[IdempotencyKeyHeader] = new StringValues(string.Empty)))
        {
            BaseAddress = Factory.Server.BaseAddress,
        };

        var response = await client.SendAsync(BookingRequest(token, eventId));

        var error = await AssertErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Equal([IdempotencyKeyHeader], DetailFields(error));
        Assert.Equal(0, await CountBookingRowsAsync());
        Assert.Equal(0, await CountBookingIdempotencyKeysAsync());
        Assert.Equal(10, await BookingAvailableSeatsAsync(eventId));
    }

    [Fact]
    public async Task Create_WhenTheKeyIsExactly100PrintableCharacters_ShouldBeAccepted()
    {
        var (userId, token) = await CreateUserAsync("ann@example.com");
        var eventId = await InsertBookingEventAsync(seats: 10);
        var key = "!~" + new string('x', 98);

        var response = await PostBookingAsync(token, eventId, key);

        await AssertSuccessAsync(response, HttpStatusCode.Created);
        Assert.Equal(key, await ScalarAsync<string>("SELECT key FROM idempotency_keys WHERE user_id = $1", userId));
    }

    [Fact]
    public async Task Create_WhenTheKeyHeaderIsSentTwice_ShouldAnswer400()
    {
        var (_, token) = await CreateUserAsync("ann@example.com");
        var eventId = await InsertBookingEventAsync(seats: 10);
        using var request = BookingRequest(token, eventId);
        request.Headers.TryAddWithoutValidation(IdempotencyKeyHeader, ["a", "b"]);

        var response = await Client.SendAsync(request);

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Equal(0, await CountBookingRowsAsync());
    }

    [Fact]
    public async Task Create_WhenTwoIdenticalKeyedRequestsRace_ShouldBookOnceEveryRound()
    {
        var (userId, token) = await CreateUserAsync("ann@example.com");
        const int rounds = 15;
        var replays = 0;
        var inProgress = 0;
        for (var round = 0; round < rounds; round++)
        {
            var eventId = await InsertBookingEventAsync(seats: 10, name: $"Round {round}");
            var key = $"race-{round}";
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var sends = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
            {
                await gate.Task;
                var response = await PostBookingAsync(token, eventId, key);
                return (Response: response, Body: await response.Content.ReadAsStringAsync());
            })).ToList();
            gate.SetResult();
            var answers = await Task.WhenAll(sends);

            var created = answers.Where(a => a.Response.StatusCode == HttpStatusCode.Created).ToList();
            Assert.True(created.Count >= 1, $"Round {round}: {string.Join(" | ", answers.Select(a => $"{(int)a.Response.StatusCode} {a.Body}"))}");
            var original = Assert.Single(created, a => !a.Response.Headers.Contains(ReplayedHeader));
            foreach (var other in answers.Where(a => a != original))
            {
                if (other.Response.StatusCode == HttpStatusCode.Created)
                {
                    Assert.Equal(["true"], other.Response.Headers.GetValues(ReplayedHeader));
                    Assert.Equal(original.Body, other.Body);
                    replays++;
                }
                else
                {
                    await AssertBookingErrorAsync(
                        other.Response, HttpStatusCode.Conflict, "CONFLICT", "A request with this Idempotency-Key is in progress");
                    inProgress++;
                }
            }

            Assert.Equal(1, await ScalarAsync<long>("SELECT count(*) FROM bookings WHERE event_id = $1", eventId));
            Assert.Equal(1, await ScalarAsync<long>("SELECT count(*) FROM booking_logs WHERE event_id = $1", eventId));
            Assert.Equal(9, await BookingAvailableSeatsAsync(eventId));
        }

        output.WriteLine($"{rounds} rounds: the second answer was a replay {replays} times, 409 in progress {inProgress} times");
        Assert.Equal(rounds, replays + inProgress);
        Assert.Equal(rounds, await ScalarAsync<long>("SELECT count(*) FROM idempotency_keys WHERE user_id = $1 AND status = 'completed'", userId));
    }

    private Task ExpireKeyAsync(int userId, string key) =>
        ExecuteBookingSqlAsync(
            "UPDATE idempotency_keys SET expires_at = timezone('utc', now()) - interval '1 minute' WHERE user_id = $1 AND key = $2",
            userId,
            key);
}
