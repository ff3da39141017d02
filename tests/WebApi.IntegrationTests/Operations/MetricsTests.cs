using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using EventBooking.WebApi.IntegrationTests.Support;

namespace EventBooking.WebApi.IntegrationTests.Operations;

/// <summary>
/// Issue 17: <c>GET /metrics</c> in the Prometheus text format, with the framework's instruments and the product's own
/// moving as the API works; restricted by port or network when configured.
/// </summary>
public sealed partial class MetricsTests(DatabaseFixture database) : BookingApiTest(database)
{
    [Fact]
    public async Task Metrics_AfterBookings_ShouldCountThemByOutcome_WithTheFrameworksInstruments()
    {
        var eventId = await InsertBookingEventAsync(seats: 1);
        var (_, first) = await CreateUserAsync("first@example.com");
        var (_, second) = await CreateUserAsync("second@example.com");
        var before = await ScrapeAsync();

        await BookViaApiAsync(first, eventId);
        await AssertErrorAsync(await PostBookingAsync(second, eventId), HttpStatusCode.Conflict, "BOOKING_CONFLICT");
        await AssertErrorAsync(
            await SendAsync(HttpMethod.Post, "/api/auth/login", json: new { email = "nobody@example.com", password = "password123" }),
            HttpStatusCode.Unauthorized,
            "UNAUTHORIZED");
        var after = await ScrapeAsync();

        Assert.Equal(1, Value(after, "eventbooking_bookings_total", "created") - Value(before, "eventbooking_bookings_total", "created"));
        Assert.Equal(1, Value(after, "eventbooking_bookings_total", "sold_out") - Value(before, "eventbooking_bookings_total", "sold_out"));
        Assert.Equal(1, Value(after, "eventbooking_logins_total", "failed") - Value(before, "eventbooking_logins_total", "failed"));
        Assert.True(Value(after, "eventbooking_booking_batch_size_count") >= Value(before, "eventbooking_booking_batch_size_count") + 1);
        Assert.True(Value(after, "eventbooking_booking_queue_wait_seconds_count") >= Value(before, "eventbooking_booking_queue_wait_seconds_count") + 1);
        Assert.Contains("# TYPE http_server_request_duration_seconds histogram", after, StringComparison.Ordinal);
        Assert.Matches("http_server_request_duration_seconds_count\\{[^}]*http_route=\"/api/bookings/?\"", after);
        Assert.Contains("dotnet_gc_collections_total", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_WithAWatcher_ShouldCountSocketsMessagesTheNotificationLagAndTheFanOut()
    {
        var eventId = await InsertBookingEventAsync(seats: 5);
        var (_, watcher) = await CreateUserAsync("watcher@example.com");
        var (_, buyer) = await CreateUserAsync("buyer@example.com");
        await Realtime.RealtimeSocket.WaitForListenerAsync(Factory);
        var before = await ScrapeAsync();
        await using var socket = await Realtime.RealtimeSocket.ConnectAsync(Factory, $"/ws/events/{eventId}?token={watcher}");
        await socket.ReceiveTypeAsync("connection_established");
        await socket.ReceiveTypeAsync("subscribed");

        await BookViaApiAsync(buyer, eventId);
        await socket.ReceiveTypeAsync("booking_created");
        var after = await ScrapeAsync();

        Assert.Equal(1, Value(after, "eventbooking_websocket_connections") - Value(before, "eventbooking_websocket_connections"));
        Assert.Equal(1, Value(after, "eventbooking_websocket_subscriptions") - Value(before, "eventbooking_websocket_subscriptions"));
        Assert.True(Value(after, "eventbooking_websocket_messages_total", "sent") >= Value(before, "eventbooking_websocket_messages_total", "sent") + 1);
        var lags = Value(after, "eventbooking_seat_change_lag_seconds_count") - Value(before, "eventbooking_seat_change_lag_seconds_count");
        Assert.True(lags >= 1, $"{lags} notification lags recorded");
        Assert.True(Value(after, "eventbooking_seat_change_lag_seconds_sum") - Value(before, "eventbooking_seat_change_lag_seconds_sum") < 5 * lags);
        var fanOuts = Value(after, "eventbooking_websocket_fanout_duration_seconds_count") - Value(before, "eventbooking_websocket_fanout_duration_seconds_count");
        Assert.True(fanOuts >= 1, $"{fanOuts} fan-outs recorded");
        Assert.True(Value(after, "eventbooking_websocket_fanout_duration_seconds_sum") - Value(before, "eventbooking_websocket_fanout_duration_seconds_sum") < 5 * fanOuts);
    }

    [Fact]
    public async Task Metrics_ShouldNeedNoToken_AndCarryNoTokenKeyOrUserData()
    {
        var (_, token) = await CreateUserAsync("private@example.com");
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Get, "/api/auth/me", token)).StatusCode);

        var body = await ScrapeAsync();

        Assert.DoesNotContain(token, body, StringComparison.Ordinal);
        Assert.DoesNotContain(token.Split('.')[1], body, StringComparison.Ordinal);
        Assert.DoesNotContain(TestTokens.SigningKey, body, StringComparison.Ordinal);
        Assert.DoesNotContain("private@example.com", body, StringComparison.Ordinal); // no user data in labels
    }

    [Theory]
    [InlineData("Metrics:Port", "1")]
    [InlineData("Metrics:AllowedNetworks", "10.0.0.0/8")]
    [InlineData("Metrics:Enabled", "false")]
    public async Task Metrics_WhenRestrictedOrOff_ShouldAnswer404Here(string key, string value)
    {
        await using var factory = new EventBookingApiFactory(Database, new Dictionary<string, string?> { [key] = value });
        using var client = factory.CreateClient();

        var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<string> ScrapeAsync()
    {
        var response = await Client.GetAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The sample of <paramref name="metric"/> (with this outcome, if given), 0 when absent.</summary>
    private static double Value(string scrape, string metric, string? outcome = null)
    {
        foreach (Match line in SampleLine().Matches(scrape))
        {
            if (line.Groups["name"].Value == metric
                && (outcome is null || line.Groups["labels"].Value.Contains($"eventbooking_outcome=\"{outcome}\"", StringComparison.Ordinal)))
            {
                return double.Parse(line.Groups["value"].Value, CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(?<labels>[^}]*)\})? (?<value>\S+)", RegexOptions.Multiline)]
    private static partial Regex SampleLine();
}
