using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EventBooking.WebApi.IntegrationTests.Support;

namespace EventBooking.WebApi.IntegrationTests.Tickets;

/// <summary>Door check-in: once, by the event's organiser or an admin, through the seat ledger, audited (issue 15).</summary>
public sealed class CheckInTests(DatabaseFixture database) : TicketApiTest(database)
{
    [Fact]
    public async Task CheckIn_TheFirstTime_ShouldAnswer200_RecordItAndAuditIt()
    {
        var door = await OpenDoorAsync(attendeeName: "Ada Attendee");
        var token = await TicketTokenAsync(door.BookingId, door.Attendee.Token);

        var checkedIn = await AssertSuccessAsync(await CheckInAsync(door.EventId, token, door.Organiser.Token), HttpStatusCode.OK);

        Assert.Equal(door.BookingId, checkedIn.GetProperty("bookingId").GetString());
        Assert.Equal("Ada Attendee", checkedIn.GetProperty("attendee").GetProperty("name").GetString());
        var at = checkedIn.GetProperty("checkedInAt").GetString()!;
        Assert.Matches(BookingTimePattern, at);
        Assert.Equal(1, await ScalarAsync<long>("SELECT count(*) FROM check_ins WHERE booking_id = $1 AND checked_in_by = $2", door.BookingId, door.Organiser.Id));
        var (actor, details) = await AuditAsync(door.BookingId, "checked_in");
        Assert.Equal(door.Organiser.Id, actor);
        Assert.Contains("\"actor_role\": \"admin\"", details, StringComparison.Ordinal);
        Assert.Equal("confirmed", await BookingStatusAsync(door.BookingId));
    }

    [Fact]
    public async Task CheckIn_Again_ShouldBe409AlreadyCheckedIn_WithTheFirstTimeAndWhoDidIt()
    {
        var door = await OpenDoorAsync();
        var token = await TicketTokenAsync(door.BookingId, door.Attendee.Token);
        var first = await AssertSuccessAsync(await CheckInAsync(door.EventId, token, door.Organiser.Token), HttpStatusCode.OK);
        var (_, otherAdmin) = await CreateUserAsync("second-door@example.com", "admin", "Sam Second");

        // A fresh ticket of the same booking, at another door.
        var again = await AssertErrorAsync(
            await CheckInAsync(door.EventId, await TicketTokenAsync(door.BookingId, door.Attendee.Token), otherAdmin), HttpStatusCode.Conflict, "ALREADY_CHECKED_IN");

        var firstAt = first.GetProperty("checkedInAt").GetString()!;
        Assert.Contains(firstAt, again.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("Olga Organiser", again.GetProperty("message").GetString(), StringComparison.Ordinal);
        var details = again.GetProperty("details").EnumerateArray().ToDictionary(d => d.GetProperty("field").GetString()!, d => d.GetProperty("message").GetString()!);
        Assert.Equal(firstAt, details["checkedInAt"]);
        Assert.Equal($"Olga Organiser (user {door.Organiser.Id})", details["checkedInBy"]);
        Assert.Equal(1, await CountCheckInsAsync());
        Assert.Equal(1, await CountBookingLogsAsync("checked_in"));
    }

    [Fact]
    public async Task CheckIn_ByScannersRacing_ShouldLetExactlyOneSucceed()
    {
        var door = await OpenDoorAsync();
        var token = await TicketTokenAsync(door.BookingId, door.Attendee.Token);
        using var start = new SemaphoreSlim(0);

        var scans = Enumerable.Range(0, 12).Select(async _ =>
        {
            await start.WaitAsync();
            return await CheckInAsync(door.EventId, token, door.Organiser.Token);
        }).ToList();
        start.Release(scans.Count);
        var answers = await Task.WhenAll(scans);

        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
        Assert.Equal(11, answers.Count(a => a.StatusCode == HttpStatusCode.Conflict));
        foreach (var refused in answers.Where(a => a.StatusCode != HttpStatusCode.OK))
        {
            await AssertErrorAsync(refused, HttpStatusCode.Conflict, "ALREADY_CHECKED_IN");
        }

        Assert.Equal(1, await CountCheckInsAsync());
        Assert.Equal(1, await CountBookingLogsAsync("checked_in"));
    }

    [Fact]
    public async Task CheckIn_WithATicketThatFailsVerification_ShouldBe400_AndRecordNothing()
    {
        var door = await OpenDoorAsync();
        var token = await TicketTokenAsync(door.BookingId, door.Attendee.Token);
        var (header, payload, _) = Decode(token);
        var parts = token.Split('.');
        var signedElsewhere = Sign(TestTickets.NewKey(), header.GetRawText(), payload.GetRawText());
        var kid = header.GetProperty("kid").GetString();
        var ours = new { alg = "ES256", kid, typ = "ticket+jwt" };
        var claims = new { iss = "eventbooking-tickets", bid = door.BookingId, eid = door.EventId, uid = door.Attendee.Id, name = "Ada", iat = 1_800_000_000 };
        string[] bad =
        [
            Flip(token, part: 0),
            Flip(token, part: 1),
            Flip(token, part: 2),
            $"{parts[0]}.{Encode(new { bid = door.BookingId, eid = door.EventId, uid = door.Attendee.Id, name = "Mallory", iat = 1 })}.{parts[2]}",
            signedElsewhere, // same kid, another key
            Sign(TestTickets.SigningKey, JsonSerializer.Serialize(new { alg = "ES256", kid, typ = "JWT" }), JsonSerializer.Serialize(claims)), // our key, not our type
            Sign(TestTickets.SigningKey, JsonSerializer.Serialize(new { alg = "ES256", kid = "another-kid", typ = "ticket+jwt" }), JsonSerializer.Serialize(claims)),
            Sign(TestTickets.SigningKey, JsonSerializer.Serialize(ours), JsonSerializer.Serialize(claims with { iss = "someone-else" })),
            Sign(TestTickets.SigningKey, JsonSerializer.Serialize(ours), JsonSerializer.Serialize(new { iss = "eventbooking-tickets", bid = door.BookingId, eid = door.EventId, name = "Ada", iat = 1 })),
            Sign(TestTickets.SigningKey, JsonSerializer.Serialize(ours), JsonSerializer.Serialize(new { iss = "eventbooking-tickets", bid = door.BookingId, eid = "abc", uid = door.Attendee.Id, name = "Ada", iat = 1 })),
            Sign(TestTickets.SigningKey, JsonSerializer.Serialize(ours), JsonSerializer.Serialize(new { iss = "eventbooking-tickets", bid = door.BookingId, eid = -1, uid = door.Attendee.Id, name = "Ada", iat = 1 })),
            $"{Encode(new { alg = "none", typ = "ticket+jwt" })}.{parts[1]}.",
            HmacWithThePublicKey(Encode(new { alg = "HS256", kid, typ = "ticket+jwt" }), parts[1]), // algorithm confusion
            door.Attendee.Token, // an access token is not a ticket
            "not-a-token",
            "a.b.c",
            token + ".extra",
            new string('A', 2048),
        ];

        foreach (var candidate in bad)
        {
            var error = await AssertErrorAsync(await CheckInAsync(door.EventId, candidate, door.Organiser.Token), HttpStatusCode.BadRequest, "INVALID_TICKET");
            Assert.Equal("The ticket could not be verified", error.GetProperty("message").GetString());
        }

        await AssertErrorAsync(await CheckInAsync(door.EventId, "", door.Organiser.Token), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await AssertErrorAsync(await CheckInAsync(door.EventId, new string('A', 2049), door.Organiser.Token), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await AssertErrorAsync(
            await SendTextAsync(HttpMethod.Post, CheckInsPath(door.EventId), "{\"token\": ", token: door.Organiser.Token), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Equal(0, await CountCheckInsAsync());
        Assert.Equal(0, await CountBookingLogsAsync("checked_in"));

        // The control: the same hand-made token, right in every part, is a ticket.
        var control = Sign(TestTickets.SigningKey, JsonSerializer.Serialize(ours), JsonSerializer.Serialize(claims));
        Assert.Equal("Ada", (await AssertSuccessAsync(await CheckInAsync(door.EventId, control, door.Organiser.Token), HttpStatusCode.OK))
            .GetProperty("attendee").GetProperty("name").GetString());

        // The classic confusion: an HMAC keyed with the published public key, hoping the verifier takes it as a secret.
        static string HmacWithThePublicKey(string header, string payload)
        {
            var signed = $"{header}.{payload}";
            var mac = HMACSHA256.HashData(Encoding.ASCII.GetBytes(TestTickets.PublicKeyOf(TestTickets.SigningKey)), Encoding.ASCII.GetBytes(signed));
            return $"{signed}.{System.Buffers.Text.Base64Url.EncodeToString(mac)}";
        }

        static string Sign(string keyPem, string headerJson, string payloadJson)
        {
            using var key = ECDsa.Create();
            key.ImportFromPem(keyPem);
            var signed = $"{Encode(headerJson)}.{Encode(payloadJson)}";
            return $"{signed}.{System.Buffers.Text.Base64Url.EncodeToString(key.SignData(Encoding.ASCII.GetBytes(signed), HashAlgorithmName.SHA256))}";
        }
    }

    [Fact]
    public async Task CheckIn_Refusals_ShouldAnswerTheEnvelope_AndRecordNothing()
    {
        var door = await OpenDoorAsync();
        var token = await TicketTokenAsync(door.BookingId, door.Attendee.Token);
        var otherEvent = await InsertBookingEventAsync(createdBy: door.Organiser.Id);
        var (_, stranger) = await CreateUserAsync("stranger@example.com");

        await AssertErrorAsync(await CheckInAsync(otherEvent, token, door.Organiser.Token), (HttpStatusCode)422, "TICKET_WRONG_EVENT");
        await AssertErrorAsync(await CheckInAsync(door.EventId, token, stranger), HttpStatusCode.Forbidden, "FORBIDDEN");
        await AssertErrorAsync(await CheckInAsync(door.EventId, token, door.Attendee.Token), HttpStatusCode.Forbidden, "FORBIDDEN");
        await AssertErrorAsync(await CheckInAsync(999_999, token, door.Organiser.Token), HttpStatusCode.NotFound, "NOT_FOUND");
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(HttpMethod.Post, CheckInsPath(door.EventId), json: new { token })).StatusCode);

        await CancelBookingAsync(door.BookingId, door.Attendee.Token);
        await AssertErrorAsync(await CheckInAsync(door.EventId, token, door.Organiser.Token), HttpStatusCode.Conflict, "BOOKING_CONFLICT");

        Assert.Equal(0, await CountCheckInsAsync());
        Assert.Equal(0, await CountBookingLogsAsync("checked_in"));
    }

    [Fact]
    public async Task CheckedInBooking_ShouldNotBeCancelledOrTransferred_UntilTheCheckInIsUndone()
    {
        var door = await OpenDoorAsync(seats: 5);
        var token = await TicketTokenAsync(door.BookingId, door.Attendee.Token);
        await AssertSuccessAsync(await CheckInAsync(door.EventId, token, door.Organiser.Token), HttpStatusCode.OK);
        await CreateUserAsync("friend@example.com");

        var byOwner = await AssertErrorAsync(
            await SendAsync(HttpMethod.Delete, BookingPath(door.BookingId), door.Attendee.Token), HttpStatusCode.Conflict, "BOOKING_CONFLICT");
        Assert.StartsWith("The booking is checked in", byOwner.GetProperty("message").GetString(), StringComparison.Ordinal);
        await AssertErrorAsync(await SendAsync(HttpMethod.Delete, BookingPath(door.BookingId), door.Organiser.Token), HttpStatusCode.Conflict, "BOOKING_CONFLICT");
        await AssertErrorAsync(
            await SendAsync(HttpMethod.Post, BookingPath(door.BookingId) + "/transfer", door.Attendee.Token, new { email = "friend@example.com" }),
            HttpStatusCode.Conflict,
            "BOOKING_CONFLICT");
        Assert.Equal("confirmed", await BookingStatusAsync(door.BookingId));
        Assert.Equal(4, await BookingAvailableSeatsAsync(door.EventId));

        var undone = await ReadJsonAsync(await SendAsync(HttpMethod.Delete, $"{CheckInsPath(door.EventId)}/{door.BookingId}", door.Organiser.Token));
        Assert.True(undone.GetProperty("success").GetBoolean());
        Assert.Equal("Check-in undone", undone.GetProperty("message").GetString());

        await CancelBookingAsync(door.BookingId, door.Attendee.Token);
        Assert.Equal(5, await BookingAvailableSeatsAsync(door.EventId));
    }

    [Fact]
    public async Task CheckIn_ByTheEventsCreatorWhoIsNotAnAdmin_ShouldWork_AndByTheCreatorOfAnotherEventShouldNot()
    {
        var creator = await CreateUserAsync("creator@example.com", name: "Cleo Creator");
        var otherCreator = await CreateUserAsync("other-creator@example.com");
        var eventId = await InsertBookingEventAsync(createdBy: creator.Id);
        await InsertBookingEventAsync(createdBy: otherCreator.Id);
        var attendee = await CreateUserAsync("fan@example.com");
        var token = await TicketTokenAsync(await BookViaApiAsync(attendee.Token, eventId), attendee.Token);

        await AssertErrorAsync(await CheckInAsync(eventId, token, otherCreator.Token), HttpStatusCode.Forbidden, "FORBIDDEN");
        await AssertSuccessAsync(await CheckInAsync(eventId, token, creator.Token), HttpStatusCode.OK);
        Assert.Equal(1, await ScalarAsync<long>("SELECT count(*) FROM check_ins WHERE checked_in_by = $1", creator.Id));
    }

    [Fact]
    public async Task CheckInAndCancellation_AtOnce_ShouldLetExactlyOneWin_NeverA500()
    {
        var organiser = await CreateUserAsync("organiser@example.com", "admin", "Olga Organiser");
        var eventId = await InsertBookingEventAsync(seats: 20, createdBy: organiser.Id);
        var holders = await CreateBookingUsersAsync(12, "race");
        var bookings = new List<(string BookingId, string Token, string Ticket)>();
        foreach (var (_, token) in holders)
        {
            var bookingId = await BookViaApiAsync(token, eventId);
            bookings.Add((bookingId, token, await TicketTokenAsync(bookingId, token)));
        }

        using var start = new SemaphoreSlim(0);
        var races = bookings.Select(async b =>
        {
            await start.WaitAsync();
            var cancel = SendAsync(HttpMethod.Delete, BookingPath(b.BookingId), b.Token);
            var scan = CheckInAsync(eventId, b.Ticket, organiser.Token);
            return (Cancel: await cancel, Scan: await scan);
        }).ToList();
        start.Release(races.Count);
        var answers = await Task.WhenAll(races);

        foreach (var (cancel, scan) in answers)
        {
            Assert.Equal(1, new[] { cancel, scan }.Count(r => r.StatusCode == HttpStatusCode.OK));
            var loser = cancel.StatusCode == HttpStatusCode.OK ? scan : cancel;
            await AssertErrorAsync(loser, HttpStatusCode.Conflict, "BOOKING_CONFLICT");
        }

        var checkedIn = answers.Count(a => a.Scan.StatusCode == HttpStatusCode.OK);
        Assert.Equal(checkedIn, await CountCheckInsAsync());
        Assert.Equal(checkedIn, await ScalarAsync<long>("SELECT count(*) FROM bookings WHERE status = 'confirmed'"));
        Assert.Equal(20 - checkedIn, await BookingAvailableSeatsAsync(eventId));
    }

    [Fact]
    public async Task Ticket_OfAHolderWithALongUnusualName_ShouldStayScannable_AndCheckIn()
    {
        var organiser = await CreateUserAsync("organiser@example.com", "admin");
        var eventId = await InsertBookingEventAsync(createdBy: organiser.Id);
        var name = string.Concat(Enumerable.Repeat("\U0001F389\u0001", 85)); // 255 UTF-16 units: emoji and control characters
        var attendee = await CreateUserAsync("party@example.com", name: name);
        var bookingId = await BookViaApiAsync(attendee.Token, eventId);

        var token = await TicketTokenAsync(bookingId, attendee.Token);
        var png = await SendAsync(HttpMethod.Get, TicketPath(bookingId) + ".png", attendee.Token);

        Assert.InRange(token.Length, 100, 1200);
        Assert.Equal(HttpStatusCode.OK, png.StatusCode);
        var scanned = await DecodeQrAsync(await png.Content.ReadAsByteArrayAsync(), "png"); // signed afresh: same claims, new signature
        Assert.Equal(name[..63], Decode(scanned).Payload.GetProperty("name").GetString());
        var checkedIn = await AssertSuccessAsync(await CheckInAsync(eventId, scanned, organiser.Token), HttpStatusCode.OK);
        Assert.StartsWith("\U0001F389", checkedIn.GetProperty("attendee").GetProperty("name").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckedInBooking_ShouldStillRefuseACancellation_WhenTheCheckInLandsAfterTheBookingWasRead()
    {
        // The aggregate judged "not checked in"; the ledger's function judges again under the row lock.
        var door = await OpenDoorAsync(seats: 5);
        await ExecuteBookingSqlAsync(
            "INSERT INTO check_ins (booking_id, event_id, checked_in_at, checked_in_by) VALUES ($1, $2, timezone('utc', now()), $3)",
            door.BookingId, door.EventId, door.Organiser.Id);

        var refused = await ScalarAsync<string>("SELECT outcome FROM cancel_booking_outcome($1, $2, 900)", door.BookingId, door.Attendee.Id);
        var transfer = await ScalarAsync<string>("SELECT outcome FROM transfer_booking($1, $2, $3)", door.BookingId, door.Organiser.Id, door.Attendee.Id);

        Assert.Equal("checked_in", refused);
        Assert.Equal("checked_in", transfer);
        Assert.Equal("confirmed", await BookingStatusAsync(door.BookingId));
        Assert.Equal(4, await BookingAvailableSeatsAsync(door.EventId));
    }

    [Fact]
    public async Task UndoCheckIn_ShouldDeleteTheCheckIn_AuditIt_AndAllowCheckingInAgain()
    {
        var door = await OpenDoorAsync();
        var token = await TicketTokenAsync(door.BookingId, door.Attendee.Token);
        var first = await AssertSuccessAsync(await CheckInAsync(door.EventId, token, door.Organiser.Token), HttpStatusCode.OK);
        var (_, stranger) = await CreateUserAsync("stranger@example.com");
        var path = $"{CheckInsPath(door.EventId)}/{door.BookingId}";

        await AssertErrorAsync(await SendAsync(HttpMethod.Delete, path, stranger), HttpStatusCode.Forbidden, "FORBIDDEN");
        Assert.Equal(1, await CountCheckInsAsync());
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Delete, path, door.Organiser.Token)).StatusCode);

        Assert.Equal(0, await CountCheckInsAsync());
        var (actor, details) = await AuditAsync(door.BookingId, "check_in_undone");
        Assert.Equal(door.Organiser.Id, actor);
        Assert.Contains($"\"checked_in_by\": {door.Organiser.Id}", details, StringComparison.Ordinal);
        Assert.Contains(first.GetProperty("checkedInAt").GetString()![..19], details, StringComparison.Ordinal);
        await AssertErrorAsync(await SendAsync(HttpMethod.Delete, path, door.Organiser.Token), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertErrorAsync(
            await SendAsync(HttpMethod.Delete, $"{CheckInsPath(await InsertBookingEventAsync())}/{door.BookingId}", door.Organiser.Token),
            HttpStatusCode.NotFound,
            "NOT_FOUND");
        await AssertSuccessAsync(await CheckInAsync(door.EventId, token, door.Organiser.Token), HttpStatusCode.OK);
    }

    [Fact]
    public async Task BookingReads_ShouldShowWhenTheBookingWasCheckedIn_AndNullBeforeAndAfterAnUndo()
    {
        var door = await OpenDoorAsync();
        var token = await TicketTokenAsync(door.BookingId, door.Attendee.Token);
        Assert.All(await CheckedInAtAsync(door), at => Assert.Equal(JsonValueKind.Null, at.ValueKind));

        var checkedIn = await AssertSuccessAsync(await CheckInAsync(door.EventId, token, door.Organiser.Token), HttpStatusCode.OK);

        var expected = checkedIn.GetProperty("checkedInAt").GetString();
        Assert.All(await CheckedInAtAsync(door), at => Assert.Equal(expected, at.GetString()));
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Delete, $"{CheckInsPath(door.EventId)}/{door.BookingId}", door.Organiser.Token)).StatusCode);
        Assert.All(await CheckedInAtAsync(door), at => Assert.Equal(JsonValueKind.Null, at.ValueKind));
    }

    /// <summary><c>checkedInAt</c> of the door's booking as its holder's detail and list, and the organiser's event list, show it.</summary>
    private async Task<JsonElement[]> CheckedInAtAsync(Door door)
    {
        var detail = await AssertSuccessAsync(await SendAsync(HttpMethod.Get, BookingPath(door.BookingId), door.Attendee.Token), HttpStatusCode.OK);
        var mine = await AssertSuccessAsync(await SendAsync(HttpMethod.Get, MyBookings, door.Attendee.Token), HttpStatusCode.OK);
        var ofEvent = await AssertSuccessAsync(await SendAsync(HttpMethod.Get, EventBookingsPath(door.EventId), door.Organiser.Token), HttpStatusCode.OK);
        return
        [
            detail.GetProperty("checkedInAt"),
            Assert.Single(mine.GetProperty("bookings").EnumerateArray()).GetProperty("checkedInAt"),
            Assert.Single(ofEvent.GetProperty("bookings").EnumerateArray()).GetProperty("checkedInAt"),
        ];
    }

    [Fact]
    public async Task CheckIn_WithTheTicketOfAnEarlierHolder_ShouldBe409_AndTheNewHoldersTicketShouldWork()
    {
        var door = await OpenDoorAsync();
        var oldTicket = await TicketTokenAsync(door.BookingId, door.Attendee.Token);
        var (_, friend) = await CreateUserAsync("friend@example.com", name: "Fred Friend");
        await AssertSuccessAsync(
            await SendAsync(HttpMethod.Post, BookingPath(door.BookingId) + "/transfer", door.Attendee.Token, new { email = "friend@example.com" }),
            HttpStatusCode.OK);

        await AssertErrorAsync(await CheckInAsync(door.EventId, oldTicket, door.Organiser.Token), HttpStatusCode.Conflict, "TICKET_SUPERSEDED");
        var newTicket = await GetTicketAsync(door.BookingId, friend);
        Assert.Equal("Fred Friend", newTicket.GetProperty("attendee").GetProperty("name").GetString());
        var checkedIn = await AssertSuccessAsync(
            await CheckInAsync(door.EventId, newTicket.GetProperty("token").GetString()!, door.Organiser.Token), HttpStatusCode.OK);
        Assert.Equal("Fred Friend", checkedIn.GetProperty("attendee").GetProperty("name").GetString());
    }

    [Fact]
    public async Task StatsAndExport_ShouldCountAndShowCheckIns()
    {
        var door = await OpenDoorAsync();
        var other = await CreateUserAsync("other@example.com", name: "Other Attendee");
        var otherBooking = await BookViaApiAsync(other.Token, door.EventId);
        var checkedIn = await AssertSuccessAsync(
            await CheckInAsync(door.EventId, await TicketTokenAsync(door.BookingId, door.Attendee.Token), door.Organiser.Token), HttpStatusCode.OK);

        var stats = await AssertSuccessAsync(await SendAsync(HttpMethod.Get, $"/api/events/{door.EventId}/stats", door.Organiser.Token), HttpStatusCode.OK);
        Assert.Equal(2, stats.GetProperty("confirmed").GetInt32());
        Assert.Equal(1, stats.GetProperty("checkedIn").GetInt32());

        var csv = await (await SendAsync(HttpMethod.Get, $"{EventBookingsPath(door.EventId)}/export", door.Organiser.Token)).Content.ReadAsStringAsync();
        var lines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Booking ID,Name,Email,Status,Booked At,Cancelled At,Checked In At", lines[0]);
        var checkedInRow = lines.Single(l => l.StartsWith(door.BookingId + ",", StringComparison.Ordinal));
        Assert.EndsWith("," + checkedIn.GetProperty("checkedInAt").GetString(), checkedInRow, StringComparison.Ordinal);
        Assert.EndsWith(",", lines.Single(l => l.StartsWith(otherBooking + ",", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    private async Task<(int Actor, string Details)> AuditAsync(string bookingId, string action)
    {
        var actor = await ScalarAsync<int>("SELECT user_id FROM booking_logs WHERE booking_id = $1 AND action = $2", bookingId, action);
        var details = await ScalarAsync<string>("SELECT details::text FROM booking_logs WHERE booking_id = $1 AND action = $2", bookingId, action);
        return (actor, details);
    }
}
