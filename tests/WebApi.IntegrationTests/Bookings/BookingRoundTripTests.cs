using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using EventBooking.WebApi.IntegrationTests.Support;
using Xunit.Abstractions;

namespace EventBooking.WebApi.IntegrationTests.Bookings;

/// <summary>
/// What one successful booking or cancellation costs the database, counted from Npgsql's own activities (one
/// per command or batch sent, i.e. one per round trip). The request carries a W3C <c>traceparent</c>, so
/// ASP.NET Core makes its request activity a child of our trace, and only the Npgsql activities of that trace
/// are counted: the test's own SQL and anything running in the background (the seat-change listener, the
/// idempotency cleanup) are left out.
/// </summary>
public sealed class BookingRoundTripTests(DatabaseFixture database, ITestOutputHelper output) : BookingApiTest(database)
{
    private const string NpgsqlSource = "Npgsql";

    /// <summary>
    /// The user check of the auth layer, the event load, and one call of <c>create_bookings</c>, which books, reports
    /// the seats left and NOTIFYs every instance's WebSocket subscribers of the new count (one round trip).
    /// </summary>
    [Fact]
    public async Task Create_WhenTheBookingSucceeds_ShouldCostThreeRoundTripsUserCheckEventAndOneLedgerCall()
    {
        var (_, token) = await CreateUserAsync("ann@example.com");
        var warmUpEvent = await InsertBookingEventAsync(name: "Warm-up");
        var eventId = await InsertBookingEventAsync(name: "Measured");
        // Startup work (pool, EF model, JIT) happens here, not in the measured request.
        await BookViaApiAsync(token, warmUpEvent);

        var (response, statements) = await MeasureAsync(BookingRequest(token, eventId), "POST /api/bookings");

        var data = await AssertSuccessAsync(response, HttpStatusCode.Created);
        Assert.Equal("confirmed", await BookingStatusAsync(data.GetProperty("bookingId").GetString()!));
        Assert.Collection(
            statements,
            s => Assert.Contains("FROM users", s, StringComparison.Ordinal),
            s => Assert.Contains("FROM events", s, StringComparison.Ordinal),
            s => Assert.Contains("FROM create_bookings(", s, StringComparison.Ordinal));
    }

    /// <summary>The user check, the booking with its event's date, one ledger call (<c>cancel_booking_outcome</c>, which NOTIFYs).</summary>
    [Fact]
    public async Task Cancel_WhenTheCancellationSucceeds_ShouldCostThreeRoundTripsUserCheckBookingAndOneLedgerCall()
    {
        var (_, token) = await CreateUserAsync("ann@example.com");
        var warmUpEvent = await InsertBookingEventAsync(name: "Warm-up");
        var eventId = await InsertBookingEventAsync(name: "Measured");
        var warmUp = await BookViaApiAsync(token, warmUpEvent);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Delete, BookingPath(warmUp), token)).StatusCode);
        var bookingId = await BookViaApiAsync(token, eventId);

        var (response, statements) = await MeasureAsync(Request(HttpMethod.Delete, BookingPath(bookingId), token), "DELETE /api/bookings/:id");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("cancelled", await BookingStatusAsync(bookingId));
        Assert.Collection(
            statements,
            s => Assert.Contains("FROM users", s, StringComparison.Ordinal),
            s => Assert.Contains("FROM bookings", s, StringComparison.Ordinal),
            s => Assert.Contains("FROM cancel_booking_outcome(", s, StringComparison.Ordinal));
    }

    /// <summary>Sends the request inside a trace of our own and returns the SQL of each Npgsql activity in it, in order.</summary>
    private async Task<(HttpResponseMessage Response, IReadOnlyList<string> Statements)> MeasureAsync(HttpRequestMessage request, string what)
    {
        var traceId = ActivityTraceId.CreateRandom();
        var inTrace = new ConcurrentQueue<Activity>();
        var inWindow = new ConcurrentQueue<Activity>();
        using (var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is NpgsqlSource or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.Source.Name != NpgsqlSource)
                {
                    return;
                }

                inWindow.Enqueue(activity);
                if (activity.TraceId == traceId)
                {
                    inTrace.Enqueue(activity);
                }
            },
        })
        {
            ActivitySource.AddActivityListener(listener);
            request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
            var response = await Client.SendAsync(request);
            await response.Content.LoadIntoBufferAsync();

            var counted = inTrace.OrderBy(a => a.StartTimeUtc).ToList();
            output.WriteLine($"Database round trips for one successful {what}: {counted.Count}");
            foreach (var activity in counted)
            {
                output.WriteLine($"  - {Describe(activity)}");
            }

            output.WriteLine($"(Npgsql activities in the whole window, any trace: {inWindow.Count})");
            Assert.True(counted.Count > 0, $"No Npgsql activity joined the request's trace; in the window: {string.Join(" | ", inWindow.Select(Describe))}");
            return (response, counted.Select(Statement).ToList());
        }
    }

    private static string Statement(Activity activity) =>
        (activity.GetTagItem("db.query.text") ?? activity.GetTagItem("db.statement"))?.ToString()?.ReplaceLineEndings(" ") ?? "(no statement tag)";

    private static string Describe(Activity activity)
    {
        var tags = string.Join(", ", activity.TagObjects
            .Where(t => t.Key is "db.npgsql.connection_id" or "db.operation.batch.size" or "error.type")
            .Select(t => $"{t.Key}={t.Value}"));
        return $"{activity.DisplayName} [{activity.Duration.TotalMilliseconds:F1} ms] {Statement(activity)} {{{tags}}}";
    }
}
