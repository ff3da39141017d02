using System.Globalization;
using System.Net;
using System.Text.Json;
using Npgsql;

namespace EventBooking.WebApi.IntegrationTests.Support;

/// <summary>
/// Base class for the bookings HTTP tests: events and seed bookings arranged by SQL (fast, and independent of
/// the endpoints under test), the requests of contract section 5, and the database facts each test checks
/// after the answer (seat count, booking rows, audit rows).
/// </summary>
public abstract class BookingApiTest(DatabaseFixture database) : ApiTest(database)
{
    protected const string Bookings = "/api/bookings";
    protected const string MyBookings = "/api/bookings/user/me";
    protected const string IdempotencyKeyHeader = "Idempotency-Key";
    protected const string ReplayedHeader = "Idempotency-Replayed";

    /// <summary><c>BK-</c> + milliseconds in base 36 + <c>-</c> + 6 random base-36 characters, upper-case.</summary>
    protected const string BookingIdPattern = "^BK-[0-9A-Z]+-[0-9A-Z]{6}$";

    /// <summary>The contract's wire format for times.</summary>
    protected const string BookingTimePattern = @"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$";

    protected static string BookingPath(string bookingId) => $"{Bookings}/{Uri.EscapeDataString(bookingId)}";

    protected static string BookingHistoryPath(string bookingId) => $"{BookingPath(bookingId)}/history";

    protected static string EventBookingsPath(int eventId) =>
        string.Create(CultureInfo.InvariantCulture, $"{Bookings}/admin/events/{eventId}");

    /// <summary>
    /// Inserts an event by SQL (whole seconds, so the wire value equals the stored one) and returns its id:
    /// in 7 days, or a day ago when <paramref name="past"/>.
    /// </summary>
    protected Task<int> InsertBookingEventAsync(int seats = 10, bool past = false, int? createdBy = null, string name = "Concert")
    {
        var when = past ? "- interval '1 day'" : "+ interval '7 days'";
        return ScalarAsync<int>(
            $"""
            INSERT INTO events (name, event_date, seat_capacity, available_seats, created_by)
            VALUES ($1, date_trunc('second', timezone('utc', now()) {when}), $2, $2, $3)
            RETURNING id
            """,
            name,
            seats,
            (object?)createdBy ?? DBNull.Value);
    }

    /// <summary>Books through the stored function, as the seed does; true when a seat was taken.</summary>
    protected Task<bool> SeedBookingAsync(int userId, int eventId, string bookingId) =>
        ScalarAsync<bool>("SELECT create_booking($1, $2, $3)", userId, eventId, bookingId);

    /// <summary>Cancels through the stored function (as the owner).</summary>
    protected Task<bool> SeedCancellationAsync(string bookingId) =>
        ScalarAsync<bool>("SELECT cancel_booking($1)", bookingId);

    /// <summary>Sets a booking's creation time (to arrange list order); the audit row is left alone.</summary>
    protected Task BookingCreatedAtAsync(string bookingId, string sqlTime) =>
        ExecuteBookingSqlAsync($"UPDATE bookings SET created_at = {sqlTime} WHERE booking_id = $1", bookingId);

    /// <summary>Moves an event's date, e.g. into the past after it was booked.</summary>
    protected Task MoveBookingEventAsync(int eventId, string sqlTime) =>
        ExecuteBookingSqlAsync($"UPDATE events SET event_date = {sqlTime} WHERE id = $1", eventId);

    protected async Task ExecuteBookingSqlAsync(string sql, params object[] parameters)
    {
        await using var command = Database.DataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Inserts <paramref name="count"/> users in one statement and mints a token for each.</summary>
    protected async Task<IReadOnlyList<(int Id, string Token)>> CreateBookingUsersAsync(int count, string prefix = "load")
    {
        await using var command = Database.DataSource.CreateCommand(
            """
            INSERT INTO users (email, name, password_hash, role)
            SELECT $1 || n || '@example.com', 'Load User ' || n, '$2b$12$0000000000000000000000000000000000000000000000000000.', 'user'
            FROM generate_series(1, $2) AS n
            RETURNING id, email
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = prefix });
        command.Parameters.Add(new NpgsqlParameter { Value = count });
        var users = new List<(int, string)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var id = reader.GetInt32(0);
            users.Add((id, TestTokens.Create(id, "user", reader.GetString(1), "Load User")));
        }

        return users;
    }

    protected static HttpRequestMessage BookingRequest(string token, int eventId, string? idempotencyKey = null)
    {
        var request = Request(HttpMethod.Post, Bookings, token, new { eventId });
        if (idempotencyKey is not null)
        {
            request.Headers.TryAddWithoutValidation(IdempotencyKeyHeader, idempotencyKey);
        }

        return request;
    }

    protected Task<HttpResponseMessage> PostBookingAsync(string token, int eventId, string? idempotencyKey = null) =>
        Client.SendAsync(BookingRequest(token, eventId, idempotencyKey));

    /// <summary>Books through the API and returns the new bookingId (asserting the 201).</summary>
    protected async Task<string> BookViaApiAsync(string token, int eventId)
    {
        var data = await AssertSuccessAsync(await PostBookingAsync(token, eventId), HttpStatusCode.Created);
        return data.GetProperty("bookingId").GetString()!;
    }

    /// <summary>Cancels through the API, asserting the 200 message envelope.</summary>
    protected async Task CancelBookingAsync(string bookingId, string token)
    {
        var response = await SendAsync(HttpMethod.Delete, BookingPath(bookingId), token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await ReadJsonAsync(response)).GetProperty("success").GetBoolean());
    }

    protected Task<int> BookingAvailableSeatsAsync(int eventId) =>
        ScalarAsync<int>("SELECT available_seats FROM events WHERE id = $1", eventId);

    protected Task<long> CountBookingRowsAsync(string? status = null) =>
        status is null
            ? ScalarAsync<long>("SELECT count(*) FROM bookings")
            : ScalarAsync<long>("SELECT count(*) FROM bookings WHERE status = $1", status);

    protected Task<long> CountBookingLogsAsync(string? action = null) =>
        action is null
            ? ScalarAsync<long>("SELECT count(*) FROM booking_logs")
            : ScalarAsync<long>("SELECT count(*) FROM booking_logs WHERE action = $1", action);

    protected Task<long> CountBookingIdempotencyKeysAsync() => ScalarAsync<long>("SELECT count(*) FROM idempotency_keys");

    protected Task<string> BookingStatusAsync(string bookingId) =>
        ScalarAsync<string>("SELECT status FROM bookings WHERE booking_id = $1", bookingId);

    /// <summary>The one audit row of this booking and action: who acted and the details as JSON.</summary>
    protected async Task<(int? UserId, int? EventId, JsonElement Details)> SingleBookingLogAsync(string bookingId, string action)
    {
        await using var command = Database.DataSource.CreateCommand(
            "SELECT user_id, event_id, details::text FROM booking_logs WHERE booking_id = $1 AND action = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = bookingId });
        command.Parameters.Add(new NpgsqlParameter { Value = action });
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"No '{action}' log row for {bookingId}");
        int? userId = reader.IsDBNull(0) ? null : reader.GetInt32(0);
        int? eventId = reader.IsDBNull(1) ? null : reader.GetInt32(1);
        using var details = JsonDocument.Parse(reader.GetString(2));
        var result = (userId, eventId, details.RootElement.Clone());
        Assert.False(await reader.ReadAsync(), $"More than one '{action}' log row for {bookingId}");
        return result;
    }

    /// <summary>The invariant every change keeps: seats left plus confirmed bookings is the capacity.</summary>
    protected async Task AssertBookingSeatInvariantAsync(int eventId)
    {
        await using var command = Database.DataSource.CreateCommand(
            """
            SELECT e.seat_capacity, e.available_seats,
                   (SELECT count(*) FROM bookings b WHERE b.event_id = e.id AND b.status = 'confirmed')
            FROM events e WHERE e.id = $1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = eventId });
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        var (capacity, available, confirmed) = (reader.GetInt32(0), reader.GetInt32(1), reader.GetInt64(2));
        Assert.True(available + confirmed == capacity, $"available {available} + confirmed {confirmed} != capacity {capacity}");
    }

    /// <summary>A stored timestamp in the wire format (UTC, milliseconds, truncated as the API writes it).</summary>
    protected async Task<string> BookingWireTimeAsync(string sql, params object[] parameters)
    {
        var value = DateTime.SpecifyKind(await ScalarAsync<DateTime>(sql, parameters), DateTimeKind.Utc);
        return value.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
    }

    protected static void AssertBookingFields(JsonElement element, params string[] names) =>
        Assert.Equal(names.Order(StringComparer.Ordinal), element.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));

    /// <summary>EventSummary: exactly <c>{id, name, eventDate, seatCapacity, availableSeats}</c>.</summary>
    protected async Task AssertBookingEventSummaryAsync(JsonElement summary, int eventId, int? availableSeats = null)
    {
        AssertBookingFields(summary, "id", "name", "eventDate", "seatCapacity", "availableSeats");
        Assert.Equal(eventId, summary.GetProperty("id").GetInt32());
        Assert.Equal(await ScalarAsync<string>("SELECT name FROM events WHERE id = $1", eventId), summary.GetProperty("name").GetString());
        Assert.Equal(await BookingWireTimeAsync("SELECT event_date FROM events WHERE id = $1", eventId), summary.GetProperty("eventDate").GetString());
        Assert.Equal(await ScalarAsync<int>("SELECT seat_capacity FROM events WHERE id = $1", eventId), summary.GetProperty("seatCapacity").GetInt32());
        Assert.Equal(availableSeats ?? await BookingAvailableSeatsAsync(eventId), summary.GetProperty("availableSeats").GetInt32());
    }

    /// <summary>UserSummary: exactly <c>{id, name, email}</c>.</summary>
    protected static void AssertBookingUserSummary(JsonElement user, int id, string name, string email)
    {
        AssertBookingFields(user, "id", "name", "email");
        Assert.Equal(id, user.GetProperty("id").GetInt32());
        Assert.Equal(name, user.GetProperty("name").GetString());
        Assert.Equal(email, user.GetProperty("email").GetString());
    }

    /// <summary>The error envelope with the code and exact message.</summary>
    protected static async Task AssertBookingErrorAsync(HttpResponseMessage response, HttpStatusCode status, string code, string message)
    {
        var error = await AssertErrorAsync(response, status, code);
        Assert.Equal(message, error.GetProperty("message").GetString());
    }

    /// <summary>The middle part of a bookingId, base 36, as a UTC time.</summary>
    protected static DateTime BookingIdTime(string bookingId)
    {
        const string alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        var milliseconds = bookingId.Split('-')[1].Aggregate(0L, (value, c) => (value * 36) + alphabet.IndexOf(c, StringComparison.Ordinal));
        return DateTime.UnixEpoch.AddMilliseconds(milliseconds);
    }
}
