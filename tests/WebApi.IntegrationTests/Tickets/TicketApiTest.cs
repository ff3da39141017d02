using System.Buffers.Text;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using EventBooking.WebApi.IntegrationTests.Support;

namespace EventBooking.WebApi.IntegrationTests.Tickets;

/// <summary>
/// Base class of the ticket tests (issue 15, docs/adr/0017): an event run by an organiser, attendees with bookings,
/// the ticket and check-in requests, and the database facts checked after them.
/// </summary>
public abstract class TicketApiTest(DatabaseFixture database) : BookingApiTest(database)
{
    protected static string TicketPath(string bookingId) => $"{BookingPath(bookingId)}/ticket";

    protected static string CheckInsPath(int eventId) => $"/api/events/{eventId}/check-ins";

    /// <summary>An upcoming event created by a fresh admin (the organiser), and a user holding a confirmed booking of it.</summary>
    protected async Task<Door> OpenDoorAsync(int seats = 10, string attendeeName = "Ada Attendee")
    {
        var organiser = await CreateUserAsync($"organiser{Guid.NewGuid():N}@example.com", "admin", "Olga Organiser");
        var eventId = await InsertBookingEventAsync(seats, createdBy: organiser.Id, name: "Spring Gala");
        var attendee = await CreateUserAsync($"attendee{Guid.NewGuid():N}@example.com", name: attendeeName);
        var bookingId = await BookViaApiAsync(attendee.Token, eventId);
        return new Door(eventId, organiser, attendee, bookingId);
    }

    protected async Task<JsonElement> GetTicketAsync(string bookingId, string token) =>
        await AssertSuccessAsync(await SendAsync(HttpMethod.Get, TicketPath(bookingId), token), HttpStatusCode.OK);

    protected async Task<string> TicketTokenAsync(string bookingId, string token) =>
        (await GetTicketAsync(bookingId, token)).GetProperty("token").GetString()!;

    protected Task<HttpResponseMessage> CheckInAsync(int eventId, string ticketToken, string staffToken) =>
        SendAsync(HttpMethod.Post, CheckInsPath(eventId), staffToken, new { token = ticketToken });

    protected Task<long> CountCheckInsAsync() => ScalarAsync<long>("SELECT count(*) FROM check_ins");

    /// <summary>The parts of a compact JWS, decoded: header and payload as JSON, the signature as bytes.</summary>
    protected static (JsonElement Header, JsonElement Payload, byte[] Signature) Decode(string token)
    {
        var parts = token.Split('.');
        Assert.Equal(3, parts.Length);
        return (Json(parts[0]), Json(parts[1]), Base64Url.DecodeFromChars(parts[2]));

        static JsonElement Json(string part)
        {
            using var document = JsonDocument.Parse(Base64Url.DecodeFromChars(part));
            return document.RootElement.Clone();
        }
    }

    /// <summary>The token with one character changed in the middle of part 0 (header), 1 (payload) or 2 (signature).</summary>
    protected static string Flip(string token, int part)
    {
        var parts = token.Split('.');
        var text = parts[part].ToCharArray();
        var middle = text.Length / 2;
        text[middle] = text[middle] == 'A' ? 'B' : 'A';
        parts[part] = new string(text);
        return string.Join('.', parts);
    }

    protected static string Encode(object json) => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(json));

    protected static string Encode(string text) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));

    /// <summary>
    /// Decodes the QR code in <paramref name="image"/> with zbarimg (Debian zbar-tools), a standard reader; an SVG is
    /// first drawn by librsvg (rsvg-convert), as a browser would draw it. build/test.sh installs both.
    /// </summary>
    protected static async Task<string> DecodeQrAsync(byte[] image, string extension)
    {
        var file = Path.Combine(Path.GetTempPath(), $"eventbooking-ticket-{Guid.NewGuid():N}");
        await File.WriteAllBytesAsync($"{file}.{extension}", image);
        try
        {
            if (extension == "svg")
            {
                await RunAsync("rsvg-convert", "--output", $"{file}.png", $"{file}.svg");
            }

            return (await RunAsync("zbarimg", "--raw", "--quiet", "-Sdisable", "-Sqrcode.enable", $"{file}.png")).TrimEnd('\n');
        }
        finally
        {
            File.Delete($"{file}.{extension}");
            File.Delete($"{file}.png");
        }

        static async Task<string> RunAsync(string program, params string[] arguments)
        {
            using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })
                ?? throw new InvalidOperationException($"{program} did not start (build/test.sh installs it)");
            var output = process.StandardOutput.ReadToEndAsync();
            var error = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, $"{program} exit {process.ExitCode}: {error}");
            return await output;
        }
    }

    protected sealed record Door(int EventId, (int Id, string Token) Organiser, (int Id, string Token) Attendee, string BookingId);
}
