using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using EventBooking.WebApi.IntegrationTests.Support;

namespace EventBooking.WebApi.IntegrationTests.Hostile;

/// <summary>
/// Base class for hostile-input tests: a seeded database with a row in every table (so a change would show), a
/// fingerprint of every table, and the checks every answer to a hostile request must pass.
/// </summary>
public abstract partial class HostileApiTest(DatabaseFixture database) : ApiTest(database)
{
    public static readonly string[] Tables = ["users", "events", "bookings", "booking_logs", "idempotency_keys", "event_images", "waitlist_entries", "waitlist_logs", "check_ins"];

    protected (int Id, string Token) Admin { get; private set; }

    protected (int Id, string Token) Member { get; private set; }

    protected int FutureEventId { get; private set; }

    protected int PastEventId { get; private set; }

    protected const string SeedBookingId = "BK-FUZZ-001";

    /// <summary>An admin (creator of the events), a user with a confirmed booking, a cancelled booking, an image, an idempotency key.</summary>
    protected async Task SeedAsync()
    {
        Admin = await CreateUserAsync("fuzz-admin@example.com", "admin", "Fuzz Admin");
        Member = await CreateUserAsync("fuzz-user@example.com", "user", "Fuzz User");
        FutureEventId = await ScalarAsync<int>(
            """
            INSERT INTO events (name, description, event_date, seat_capacity, available_seats, created_by)
            VALUES ('Fuzz Future', 'Seeded for hostile tests', date_trunc('second', timezone('utc', now()) + interval '30 days'), 50, 50, $1)
            RETURNING id
            """,
            Admin.Id);
        PastEventId = await ScalarAsync<int>(
            """
            INSERT INTO events (name, event_date, seat_capacity, available_seats, created_by)
            VALUES ('Fuzz Past', date_trunc('second', timezone('utc', now()) - interval '1 day'), 10, 10, $1)
            RETURNING id
            """,
            Admin.Id);
        Assert.True(await ScalarAsync<bool>("SELECT create_booking($1, $2, $3)", Member.Id, FutureEventId, SeedBookingId));
        Assert.True(await ScalarAsync<bool>("SELECT create_booking($1, $2, $3)", Admin.Id, FutureEventId, "BK-FUZZ-002"));
        Assert.True(await ScalarAsync<bool>("SELECT cancel_booking($1)", "BK-FUZZ-002"));
        await ScalarAsync<int>(
            "INSERT INTO event_images (event_id, content_type, content, version) VALUES ($1, 'image/png', $2, 'v1') RETURNING event_id",
            FutureEventId,
            TestImages.Png());
        await ScalarAsync<int>(
            """
            INSERT INTO idempotency_keys (user_id, key, request_hash, status, response_status, response_body, created_at, expires_at)
            VALUES ($1, 'seed-key', repeat('0', 64), 'completed', 201, '{}', timezone('utc', now()), timezone('utc', now()) + interval '1 day')
            RETURNING user_id
            """,
            Member.Id);
    }

    /// <summary>Row count and an md5 of every row of every table: equal fingerprints, unchanged database.</summary>
    protected Task<string> FingerprintAsync() =>
        ScalarAsync<string>(
            "SELECT concat_ws(' | ', "
            + string.Join(", ", Tables.Select(t =>
                $"(SELECT '{t}:' || count(*) || ':' || coalesce(md5(string_agg(t::text, ',' ORDER BY t::text)), '-') FROM {t} t)"))
            + ")");

    protected async Task AssertTablesExistAsync()
    {
        foreach (var table in Tables)
        {
            Assert.True(await ScalarAsync<bool>("SELECT to_regclass($1) IS NOT NULL", $"public.{table}"), $"Table {table} is gone");
        }
    }

    protected Task<long> CountAsync(string table) => ScalarAsync<long>($"SELECT count(*) FROM {table}");

    /// <summary>
    /// What is wrong with an answer to a hostile request, or null: a 5xx, a 4xx outside the contract's envelope, a 2xx
    /// for a request that had to be refused, any other status, or exception text in the body.
    /// </summary>
    protected static async Task<string?> ProblemWithAnswerAsync(HttpResponseMessage response, bool mustBeRefused)
    {
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync();
        var shown = body.Length > 300 ? body[..300] + "…" : body;
        string? Problem(string what) => string.Create(CultureInfo.InvariantCulture, $"{what}: {status} {response.Content.Headers.ContentType} {shown}");

        if (status >= 500)
        {
            return Problem("server error");
        }

        if (LeaksInternals(body))
        {
            return Problem("exception text in the body");
        }

        if (status is >= 200 and < 300)
        {
            return mustBeRefused ? Problem("accepted a request that had to be refused") : null;
        }

        if (status is < 400 or >= 500)
        {
            return Problem("unexpected status");
        }

        return EnvelopeProblem(response, body) is { } envelope ? Problem(envelope) : null;
    }

    protected static bool LeaksInternals(string body) =>
        body.Contains("Exception", StringComparison.Ordinal)
        || body.Contains("   at ", StringComparison.Ordinal)
        || body.Contains("StackTrace", StringComparison.OrdinalIgnoreCase)
        || body.Contains("Npgsql", StringComparison.OrdinalIgnoreCase)
        || body.Contains("SqlState", StringComparison.OrdinalIgnoreCase);

    /// <summary>Contract §1: <c>{"success": false, "error": {code, message, timestamp, traceId, details?}}</c>, as application/json.</summary>
    private static string? EnvelopeProblem(HttpResponseMessage response, string body)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/json")
        {
            return "not application/json";
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("success", out var success) || success.ValueKind != JsonValueKind.False
                || !root.TryGetProperty("error", out var error) || error.ValueKind != JsonValueKind.Object)
            {
                return "not the error envelope";
            }

            var code = error.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
            var message = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            var timestamp = error.TryGetProperty("timestamp", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            var traceId = error.TryGetProperty("traceId", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
            if (code is null || !CodePattern().IsMatch(code))
            {
                return "error.code missing or not UPPER_SNAKE";
            }

            if (string.IsNullOrWhiteSpace(message) || string.IsNullOrWhiteSpace(traceId))
            {
                return "error.message or error.traceId missing";
            }

            if (timestamp is null || !TimestampPattern().IsMatch(timestamp))
            {
                return "error.timestamp missing or not ISO-8601 UTC with milliseconds";
            }

            return (int)response.StatusCode == 405 || ExpectedCode((int)response.StatusCode) is not { } expected || expected.Contains(code)
                ? null
                : $"error.code {code} does not fit the status";
        }
        catch (JsonException)
        {
            return "body is not JSON";
        }
    }

    /// <summary>The contract's codes per status (§1), plus the upload's own codes (§4), the idempotency ones and the tickets' (docs/api.md).</summary>
    private static string[]? ExpectedCode(int status) => status switch
    {
        400 => ["VALIDATION_ERROR", "INVALID_FILE_TYPE", "INVALID_TICKET"],
        401 => ["UNAUTHORIZED"],
        403 => ["FORBIDDEN"],
        404 => ["NOT_FOUND"],
        409 => ["CONFLICT", "BOOKING_CONFLICT", "ALREADY_CHECKED_IN", "TICKET_SUPERSEDED"],
        413 => ["PAYLOAD_TOO_LARGE", "FILE_TOO_LARGE"],
        415 => ["UNSUPPORTED_MEDIA_TYPE"],
        429 => ["RATE_LIMITED"],
        _ => null,
    };

    [GeneratedRegex("^[A-Z][A-Z_]*$")]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")]
    private static partial Regex TimestampPattern();
}
