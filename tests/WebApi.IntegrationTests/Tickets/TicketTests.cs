using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EventBooking.WebApi.IntegrationTests.Support;

namespace EventBooking.WebApi.IntegrationTests.Tickets;

/// <summary>A confirmed booking's signed ticket, its QR codes and the published keys (issue 15, docs/adr/0017).</summary>
public sealed class TicketTests(DatabaseFixture database) : TicketApiTest(database)
{
    [Fact]
    public async Task Ticket_ShouldShowTheBookingAndCarryATokenThatVerifiesWithThePublishedKeysAlone()
    {
        var door = await OpenDoorAsync(attendeeName: "Ada Attendee");

        var ticket = await GetTicketAsync(door.BookingId, door.Attendee.Token);

        Assert.Equal(door.BookingId, ticket.GetProperty("bookingId").GetString());
        Assert.Equal(door.EventId, ticket.GetProperty("eventId").GetInt32());
        Assert.Equal("Ada Attendee", ticket.GetProperty("attendee").GetProperty("name").GetString());
        Assert.Equal("Spring Gala", ticket.GetProperty("eventName").GetString());
        Assert.Matches(BookingTimePattern, ticket.GetProperty("eventDate").GetString());

        // Only the JWK Set, fetched anonymously, and the platform's ECDSA: what an offline door scanner has.
        var keysResponse = await SendAsync(HttpMethod.Get, "/api/tickets/keys");
        Assert.Equal(HttpStatusCode.OK, keysResponse.StatusCode);
        Assert.Equal("application/jwk-set+json", keysResponse.Content.Headers.ContentType?.MediaType);
        var keys = (await ReadJsonAsync(keysResponse)).GetProperty("keys");
        var jwk = Assert.Single(keys.EnumerateArray());
        Assert.False(jwk.TryGetProperty("d", out _)); // never the private part
        Assert.Equal("EC", jwk.GetProperty("kty").GetString());
        Assert.Equal("P-256", jwk.GetProperty("crv").GetString());
        Assert.Equal("ES256", jwk.GetProperty("alg").GetString());

        var token = ticket.GetProperty("token").GetString()!;
        var (header, payload, _) = Decode(token);
        Assert.Equal("ES256", header.GetProperty("alg").GetString());
        Assert.Equal(jwk.GetProperty("kid").GetString(), header.GetProperty("kid").GetString());
        Assert.True(VerifiesWith(jwk, token));
        Assert.Equal(door.BookingId, payload.GetProperty("bid").GetString());
        Assert.Equal(door.EventId, payload.GetProperty("eid").GetInt32());
        Assert.Equal("Ada Attendee", payload.GetProperty("name").GetString());
        Assert.InRange(
            DateTimeOffset.FromUnixTimeSeconds(payload.GetProperty("iat").GetInt64()), DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddSeconds(5));
        Assert.False(VerifiesWith(jwk, Flip(token, part: 1)));
    }

    [Fact]
    public async Task Ticket_ForAnotherUsersBooking_ShouldBe403_ForAnAdmin200_AndLeakNothing()
    {
        var door = await OpenDoorAsync();
        var (_, stranger) = await CreateUserAsync("stranger@example.com");
        var (_, admin) = await CreateUserAsync("admin@example.com", "admin");

        var refused = await AssertErrorAsync(await SendAsync(HttpMethod.Get, TicketPath(door.BookingId), stranger), HttpStatusCode.Forbidden, "FORBIDDEN");
        foreach (var image in new[] { ".png", ".svg" })
        {
            await AssertErrorAsync(await SendAsync(HttpMethod.Get, TicketPath(door.BookingId) + image, stranger), HttpStatusCode.Forbidden, "FORBIDDEN");
        }

        Assert.DoesNotContain("token", refused.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(door.BookingId, (await GetTicketAsync(door.BookingId, admin)).GetProperty("bookingId").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(HttpMethod.Get, TicketPath(door.BookingId))).StatusCode);
    }

    [Fact]
    public async Task Ticket_OfACancelledBooking_ShouldBe409_AndOfAnUnknownOne404()
    {
        var door = await OpenDoorAsync();
        await CancelBookingAsync(door.BookingId, door.Attendee.Token);

        await AssertErrorAsync(await SendAsync(HttpMethod.Get, TicketPath(door.BookingId), door.Attendee.Token), HttpStatusCode.Conflict, "BOOKING_CONFLICT");
        await AssertErrorAsync(await SendAsync(HttpMethod.Get, TicketPath(door.BookingId) + ".png", door.Attendee.Token), HttpStatusCode.Conflict, "BOOKING_CONFLICT");
        await AssertErrorAsync(await SendAsync(HttpMethod.Get, TicketPath("BK-NOPE-000000"), door.Attendee.Token), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertErrorAsync(
            await SendAsync(HttpMethod.Get, TicketPath(new string('X', 51)), door.Attendee.Token), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Theory]
    [InlineData(".png", "image/png", "png")]
    [InlineData(".svg", "image/svg+xml", "svg")]
    public async Task TicketImage_ShouldDecodeWithAStandardQrReaderBackToAVerifiableToken(string suffix, string contentType, string extension)
    {
        var door = await OpenDoorAsync();

        var response = await SendAsync(HttpMethod.Get, TicketPath(door.BookingId) + suffix, door.Attendee.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        var token = await DecodeQrAsync(await response.Content.ReadAsByteArrayAsync(), extension);
        var (_, payload, _) = Decode(token);
        Assert.Equal(door.BookingId, payload.GetProperty("bid").GetString());

        // The decoded token is a working ticket: it checks in.
        var checkedIn = await AssertSuccessAsync(await CheckInAsync(door.EventId, token, door.Organiser.Token), HttpStatusCode.OK);
        Assert.Equal(door.BookingId, checkedIn.GetProperty("bookingId").GetString());
    }

    /// <summary>ES256 verification from a JWK's x and y, as RFC 7515 describes it: no JOSE library involved.</summary>
    private static bool VerifiesWith(JsonElement jwk, string token)
    {
        using var key = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint
            {
                X = Base64Url.DecodeFromChars(jwk.GetProperty("x").GetString()),
                Y = Base64Url.DecodeFromChars(jwk.GetProperty("y").GetString()),
            },
        });
        var signed = token[..token.LastIndexOf('.')];
        var signature = Base64Url.DecodeFromChars(token.AsSpan(token.LastIndexOf('.') + 1));
        return key.VerifyData(Encoding.ASCII.GetBytes(signed), signature, HashAlgorithmName.SHA256);
    }
}
