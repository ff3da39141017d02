using System.Net;
using System.Text;
using EventBooking.WebApi.IntegrationTests.Support;

namespace EventBooking.WebApi.IntegrationTests.Organisers;

public sealed class AttendeeExportTests(DatabaseFixture database) : OrganiserTest(database)
{
    [Fact]
    public async Task Export_AsTheCreator_ShouldAnswerQuotedFormulaSafeCsvOldestFirst()
    {
        var (organiser, token) = await CreateUserAsync("organiser@example.com");
        var eventId = await InsertEventAsync(organiser, capacity: 5);
        var (plain, _) = await CreateUserAsync("ann@example.com", name: "Ann Lee");
        var (tricky, _) = await CreateUserAsync("bob@example.com", name: "=HYPERLINK(\"http://evil\",\"Doe, Bob\")");
        await BookAsync(plain, eventId, "BK-E-1", TimeSpan.FromHours(2));
        await CancelAsync(await BookAsync(tricky, eventId, "BK-E-2", TimeSpan.FromHours(1)));

        var response = await SendAsync(HttpMethod.Get, $"/api/bookings/admin/events/{eventId}/export", token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"event-{eventId}-attendees.csv", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n");
        Assert.Equal("Booking ID,Name,Email,Status,Booked At,Cancelled At,Checked In At", lines[0]);
        Assert.Matches(@"^BK-E-1,Ann Lee,ann@example\.com,confirmed,\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z,,$", lines[1]);
        Assert.Matches(
            @"^BK-E-2,""'=HYPERLINK\(""""http://evil"""",""""Doe, Bob""""\)"",bob@example\.com,cancelled,\S+Z,\S+Z,$",
            lines[2]);
        Assert.Equal(string.Empty, lines[3]);
        Assert.Equal(4, lines.Length);
    }

    [Fact]
    public async Task Export_ForAStrangerAnonymousOrUnknownEvent_ShouldAnswer403401And404()
    {
        var (organiser, _) = await CreateUserAsync("organiser@example.com");
        var (_, stranger) = await CreateUserAsync("stranger@example.com");
        var (_, admin) = await CreateUserAsync("admin@example.com", role: "admin");
        var eventId = await InsertEventAsync(organiser, capacity: 5);

        await AssertErrorAsync(await SendAsync(HttpMethod.Get, $"/api/bookings/admin/events/{eventId}/export", stranger), HttpStatusCode.Forbidden, "FORBIDDEN");
        await AssertErrorAsync(await SendAsync(HttpMethod.Get, $"/api/bookings/admin/events/{eventId}/export"), HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await AssertErrorAsync(await SendAsync(HttpMethod.Get, "/api/bookings/admin/events/999999/export", admin), HttpStatusCode.NotFound, "NOT_FOUND");
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Get, $"/api/bookings/admin/events/{eventId}/export", admin)).StatusCode);
    }

    [Fact]
    public async Task Export_Of100000Rows_ShouldStreamWithoutHoldingTheRowsInMemory()
    {
        const int Rows = 100_000;
        var (admin, token) = await CreateUserAsync("admin@example.com", role: "admin");
        var eventId = await InsertEventAsync(admin, capacity: Rows);
        await ScalarAsync<int>(
            """
            WITH u AS (
                INSERT INTO users (email, name, password_hash)
                SELECT 'attendee' || g || '@example.com', 'Attendee ' || g || ', "the" fan', 'x' FROM generate_series(1, $1) AS g
                RETURNING id),
            b AS (
                INSERT INTO bookings (booking_id, user_id, event_id, status, created_at)
                SELECT 'BK-BULK-' || u.id, u.id, $2, 'confirmed', timezone('utc', now()) FROM u
                RETURNING 1)
            SELECT count(*)::int FROM b
            """,
            Rows,
            eventId);
        // Statistics for the rows just bulk-loaded, as autovacuum keeps them for tables that grew in service. Without
        // them a page query once ran past the 30 s command timeout in CI right after the load; with them the plan
        // no longer depends on whether auto-analyze has run yet.
        await using (var analyze = Database.DataSource.CreateCommand("ANALYZE users, bookings"))
        {
            await analyze.ExecuteNonQueryAsync();
        }

        var baseline = HeapAfterFullCollection();
        using var request = Request(HttpMethod.Get, $"/api/bookings/admin/events/{eventId}/export", token);
        using var response = await Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var body = await response.Content.ReadAsStreamAsync();
        using var reader = new StreamReader(body, Encoding.UTF8);

        // Read half, pause (the server blocks on the full response pipe), and look at the heap meanwhile.
        var lines = 0;
        while (lines < Rows / 2 && await reader.ReadLineAsync() is not null)
        {
            lines++;
        }

        var heapWhilePaused = HeapAfterFullCollection();
        while (await reader.ReadLineAsync() is not null)
        {
            lines++;
        }

        Assert.Equal(Rows + 1, lines);
        // 100,000 rows held at once are ~30 MB of records and strings (more as CSV text); streaming holds a page.
        var growth = heapWhilePaused - baseline;
        Assert.True(growth < 16L * 1024 * 1024, $"managed heap grew by {growth / (1024 * 1024)} MiB while the export was paused halfway");
    }

    private static long HeapAfterFullCollection()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
